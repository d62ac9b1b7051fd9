# Слова области words (ru): значения их названиями и фразы ленты событий.

words-channel-web = Форма на сайте
words-channel-email = E-mail
words-channel-phone = Телефон
words-channel-in_person = Лично
words-channel-api = API
words-channel-chat = Чат
words-channel-import = Импорт

words-status-open = Открыта
words-status-won = Успешна
words-status-lost = Потеряна
words-status-junk = Спам

words-task-status-open = Открыта
words-task-status-done = Выполнена
words-task-status-cancelled = Отменена

words-role-admin = Администратор
words-role-manager = Менеджер
words-role-consultant = Консультант
words-role-specialist = Специалист
words-role-coordinator = Координатор
words-role-secretary = Секретарь

words-presence-available = На месте
words-presence-meeting = На встрече
words-presence-away = Отсутствует

words-direction-in = Входящий
words-direction-out = Исходящий

words-priority-low = Низкий
words-priority-normal = Обычный
words-priority-high = Высокий
words-priority-urgent = Срочный

words-outcome-reached = Дозвонились
words-outcome-no_answer = Не отвечает
words-outcome-busy = Занято
words-outcome-failed = Звонок не удался
words-outcome-missed = Пропущенный звонок
words-outcome-transferred = Переведён на менеджера
words-outcome-manager_busy = Менеджер занят
words-outcome-done = Готово

words-kind-call = Звонок
words-kind-email = Письмо
words-kind-meeting = Встреча
words-kind-todo = Задача

words-activity-call = звонок
words-activity-email = письмо
words-activity-sms = SMS
words-activity-meeting = встреча
words-activity-note = заметка
words-activity-message = сообщение клиента
words-activity-callback = просьба перезвонить
words-activity-document = документ

words-call-ringing = Звонит
words-call-answered = Принят
words-call-missed = Пропущен
words-call-ended = Завершён
words-call-transferred = Переведён
words-call-returned = Вернулся после перевода
words-call-busy = Занято
words-call-failed = Не удался

words-notify-sms = SMS
words-notify-email = e-mail
words-notify-in_app = в приложении
words-notify-webhook = вебхук

words-language-en = английский
words-language-cs = чешский
words-language-ru = русский
words-language-pl = польский
words-language-he = иврит

words-field-subject = тема
words-field-message = сообщение
words-field-product = товар
words-field-source = источник
words-field-postal_code = индекс
words-field-customer_type = тип клиента
words-field-language = язык
words-field-value = сумма

words-seconds = { $s } с
words-minutes = { $m } мин
words-minutes-seconds = { $m } мин { $s } с

words-who-system = Pronto
words-someone = кто-то
words-nobody = никто
words-the-customer = клиент
words-to-the-customer = клиента
words-another-contact = другой контакт
words-a-task = задача
words-open-tasks = открытые задачи
words-later = позже

words-by = { $what } ({ $who }).
words-ev-unknown = { $who }: { $what }.
words-ev-lead-received = { $who }: новая заявка – { $channel }.
words-ev-lead-assigned = { $who }: заявка передана – { $owner }.
words-ev-lead-unassigned = { $who }: у заявки больше нет ответственного.
words-ev-lead-first-response = Клиент получил первый ответ.
words-ev-lead-stage-changed = { $who }: заявка переведена на этап «{ $to }».
words-ev-lead-status-changed = { $who }: статус заявки – «{ $to }».
words-ev-lead-updated = { $who }: изменения в заявке – { $fields }.
words-ev-tracking-revoked = { $who }: новая ссылка на страницу клиента; старая больше не работает.
words-ev-activity-logged = { $who }: записано – { $what }.
words-ev-activity-logged-detail = { $who }: { $what } – { $detail }.
words-ev-task-created = { $who }: новая задача «{ $task }» для { $assignee }, срок { $at }.
words-ev-task-created-queue = { $who }: новая задача «{ $task }», срок { $at }.
words-ev-task-rescheduled = { $who }: задача «{ $task }» перенесена на { $at }.
words-ev-task-completed = { $who }: задача «{ $task }» выполнена – { $outcome }.
words-ev-task-cancelled = { $who }: «{ $task }» закрыто, больше не нужно.
words-ev-task-reassigned = { $who }: задача «{ $task }» передана – { $to }.
words-ev-task-retry = { $who }: попытка { $attempt } – «{ $task }».
words-ev-task-retry-scheduled = { $who }: запланирована попытка { $attempt } – «{ $task }». Следующая попытка в { $at }.
words-ev-task-retries-exhausted = «{ $task }»: все попытки ({ $n }) исчерпаны.
words-ev-playbook-rule = { $who }: применено правило процесса «{ $rule }».
words-ev-playbook-loop = { $who }: остановлены правила, которые запускали друг друга.
words-ev-playbook-loaded = { $who }: загружена версия { $version } процесса «{ $name }».
words-ev-sla-started = Срок «{ $sla }» начался: до { $at }.
words-ev-sla-warning = Срок «{ $sla }» скоро истечёт, в { $at }.
words-ev-sla-warning-soon = Срок «{ $sla }» скоро истечёт.
words-ev-sla-breached = Срок «{ $sla }» нарушен.
words-ev-sla-met = Срок «{ $sla }» соблюдён.
words-ev-escalation-step = { $who }: оповещение – { $to } ({ $channel }), шаг эскалации { $step }.
words-ev-escalation-skipped = { $who }: шаг эскалации { $step } пропущен, некого оповестить.
words-ev-escalation-stopped = Эскалация остановлена.
words-ev-assignment-failed = { $who }: нет свободного сотрудника для заявки.
words-ev-timer-fired = Время ожидания истекло ({ $at }).
words-ev-notification-queued = { $who }: уведомление для { $to } поставлено в очередь ({ $channel }).
words-ev-notification-skipped = Уведомление не отправлено: некому.
words-ev-notification-held = Уведомление для { $to } ждёт: сотрудник не на работе.
words-ev-notification-redirected = Уведомление для { $to } ушло заместителю.
words-ev-notification-deferred = Уведомление для { $to } ждёт до { $at }.
words-ev-notification-sent = Уведомление для { $to } отправлено ({ $channel }).
words-ev-notification-delivered = Уведомление для { $to } доставлено ({ $channel }).
words-ev-notification-retrying = Уведомление для { $to } не удалось отправить ({ $channel }); следующая попытка в { $at }.
words-ev-notification-failed = Уведомление для { $to } не удалось отправить ({ $channel }).
words-ev-notification-requeued = { $who }: уведомление отправлено повторно ({ $channel }).
words-ev-notification-test = { $who }: тестовое сообщение ({ $channel }).
words-ev-contact-possible-duplicate = Возможно, этот контакт – тот же человек, что и { $other }.
words-ev-contact-merged = { $who }: контакт { $other } объединён с { $contact }.
words-ev-contact-unmerged = { $who } отменил(а) объединение: { $other } снова отдельно от { $contact }.
words-ev-contact-updated = { $who }: к контакту добавлен номер { $phone }.
words-ev-customer-callback = Клиент просит перезвонить в { $at }.
words-ev-customer-document = Клиент прислал документ: { $file }.
words-ev-email-received = Пришло письмо от { $from }: «{ $subject }».
words-ev-email-ignored = Письмо от { $from } не разобрано.
words-ev-email-sent = { $who }: письмо для { $to } – «{ $subject }».
words-ev-email-queued = { $who }: письмо для { $to } ждёт отправки: «{ $subject }».
words-ev-customer-answered = { $who }: сообщение клиента отмечено как отвеченное.
words-ev-mailbox-reset = Ящик { $mailbox } читается заново с начала.
words-ev-mailbox-failed = Ящик { $mailbox } не читается.
words-ev-mailbox-recovered = Ящик { $mailbox } снова работает.
words-ev-call-event = АТС: { $what }.
words-ev-call-event-long = АТС: { $what }, { $duration }.
words-ev-report-sent = { $who }: отчёт отправлен (получателей: { $n }).
words-ev-user-created = { $who }: новый пользователь { $user } – { $role }.
words-ev-user-presence = { $who }: { $user } – «{ $presence }».
words-ev-user-updated = { $who }: изменены настройки – { $user }.
words-ev-user-role-changed = { $who }: у { $user } роль «{ $role }».
words-ev-user-deactivated = { $who }: учётная запись { $user } отключена.
words-ev-user-reactivated = { $who }: учётная запись { $user } снова включена.
words-ev-user-password-changed = { $user }: пароль изменён.
words-ev-user-password-reset = { $who }: пароль пользователя { $user } сброшен.
words-ev-session-started = { $user }: вход в систему.
words-ev-token-created = { $who }: новый ключ доступа «{ $name }».
words-ev-token-revoked = { $who }: ключ доступа отозван.
words-ev-webhook-created = { $who }: добавлен вебхук.
words-ev-webhook-deleted = { $who }: удалён вебхук.
words-ev-message-changed = { $who }: изменён текст сообщения ({ $language }).
words-ev-message-reset = { $who }: восстановлен текст сообщения ({ $language }).

words-script = Сценарий звонка
