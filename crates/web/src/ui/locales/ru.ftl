# Pronto's web UI: Russian.
app-name = Pronto
nav-inbox = Входящие
nav-tasks = Мои задачи
nav-logout = Выйти
language = Язык
sign-in = Войти
sign-in-title = Вход в Pronto
login = Логин
password = Пароль
wrong-login = Неверный логин или пароль.
too-many-attempts = Слишком много попыток. Подождите минуту и попробуйте снова.
inbox = Входящие
inbox-hint = Сначала новые и неназначенные заявки; список обновляется сам, когда приходит заявка.
search = Поиск
search-placeholder = Имя, телефон, e-mail, компания, текст
filter = Фильтр
all-channels = Все каналы
all-stages = Все этапы
any-owner = Любой
unassigned = Без ответственного
mine = Мои
age = Давность
received = Получено
channel = Канал
stage = Этап
owner = Ответственный
contact = Контакт
subject = Тема
no-leads = Нет подходящих заявок.
new-lead-arrived = Новая заявка
tasks = Мои задачи
overdue = Просрочено
due-now = Сейчас
today = Сегодня
later = Позже
no-tasks = Задач нет. Отличная работа.
due = Срок
script = Скрипт
outcome-reached = Дозвонились
outcome-no_answer = Не отвечает
outcome-busy = Занято
outcome-failed = Не удалось
outcome-done = Готово
complete = Завершить
lead = Заявка
lead-card = Заявка { $v }
timeline = История
earlier-inquiries = Предыдущие заявки
company = Компания
phone = Телефон
email = E-mail
message = Сообщение
log-call = Записать звонок
direction-in = Входящий
direction-out = Исходящий
add-note = Добавить заметку
note = Заметка
send-email = Отправить письмо
email-text = Текст
send = Отправить
assign = Назначить
change-stage = Сменить этап
save = Сохранить
open-tasks = Открытые задачи
emails = Письма
status = Статус
call = Позвонить
overdue-count = { $n ->
    [one] { $n } просроченная задача
    [few] { $n } просроченные задачи
    [many] { $n } просроченных задач
   *[other] { $n } просроченной задачи
}
minutes-left = { $n ->
    [one] Осталась { $n } минута
    [few] Осталось { $n } минуты
    [many] Осталось { $n } минут
   *[other] Осталось { $n } минуты
}
saved = Сохранено.
not-found = Не найдено.
forbidden = У вас нет прав на это действие.
error = Что-то пошло не так.
nav-board = Доска
nav-contacts = Контакты
more-leads = { $n ->
    [one] и ещё { $n }
    [few] и ещё { $n }
    [many] и ещё { $n }
   *[other] и ещё { $n }
}
contacts = Контакты
companies = Компании
merge = Объединить
merge-into = Объединить в
merge-hint = Две записи одного человека: выберите, какую оставить; заявки, номера и адреса второй перейдут к ней.
leads-count = { $n ->
    [one] { $n } заявка
    [few] { $n } заявки
    [many] { $n } заявок
   *[other] { $n } заявки
}
merged = Объединено.
nav-admin = Администрирование
users = Пользователи
name = Имя
role = Роль
presence = Присутствие
hours = Свои рабочие часы
add-user = Добавить пользователя
web-forms = Веб-формы
delivery = Доставка
telephony = АТС
send-test-sms = Отправить тестовое SMS на
send-test-email = Отправить тестовое письмо на
mailboxes = Почтовые ящики
test-connection = Проверить соединение
playbooks = Регламенты
diagram = Схема
playbook-toml = Регламент (TOML) для проверки или загрузки
check = Проверить
upload = Загрузить как новую версию
webhooks = Вебхуки
delete = Удалить
events = События
any-age = За всё время
age-1h = Последний час
age-24h = Последние 24 часа
age-7d = Последние 7 дней
callback-at = Перезвонить в
create-task = Создать задачу
account = Ваша учётная запись
change-password = Сменить пароль
current-password = Текущий пароль
new-password = Новый пароль
wrong-password = Текущий пароль неверен.
password-changed = Пароль изменён; другие сеансы завершены.
send-test-event = Отправить подписанное тестовое событие
# Отчёты
nav-reports = Отчёты
reports = Отчёты
rep-from = С
rep-to = По
rep-group-by = Группировать по
rep-playbook = Регламент
rep-time = Время реакции считать в
rep-time-wall = Календарном времени
rep-time-business = Рабочем времени
rep-show = Показать
rep-presets = Периоды
rep-this-week = Эта неделя
rep-last-30-days = Последние 30 дней
rep-this-year = Этот год
rep-bad-query = Отчёт нельзя показать:
rep-dim-channel = Канал
rep-dim-owner = Ответственный
rep-dim-source = Источник
rep-dim-segment = Сегмент (B2B/B2C)
rep-dim-hour = Час дня
rep-dim-weekday = День недели
rep-dim-playbook = Регламент
rep-dim-all = Все
rep-channel-web = Сайт
rep-channel-email = Эл. почта
rep-channel-phone = Телефон
rep-channel-in_person = Лично
rep-channel-api = API
rep-weekday-1 = Понедельник
rep-weekday-2 = Вторник
rep-weekday-3 = Среда
rep-weekday-4 = Четверг
rep-weekday-5 = Пятница
rep-weekday-6 = Суббота
rep-weekday-7 = Воскресенье
rep-no-source = Без источника
rep-segment-unknown = Неизвестно
rep-unit-s = с
rep-unit-min = мин
rep-unit-h = ч
rep-unit-d = дн.
rep-total = Итого
rep-no-data = За этот период заявок нет.
rep-download = Скачать:
rep-response = Время реакции
rep-chart-distribution = Обработанные заявки по времени реакции
rep-chart-median = Медиана времени реакции
rep-leads = Заявки
rep-responded = С ответом
rep-median = Медиана
rep-p90 = 90-й процентиль
rep-within-5-min = За 5 мин
rep-within-1-hour = За 1 час
rep-within-24-hours = За 24 часа
rep-never = Без ответа
rep-exact = Процентили точные, посчитаны по всем заявкам.
rep-interpolated = Процентили интерполированы внутри интервалов времени реакции (приблизительно).
rep-funnel = Воронка
rep-chart-funnel = Заявки, дошедшие до каждого этапа
rep-chart-attempts = Попытки дозвона на заявку
rep-reached = Дошли
rep-share = Доля
rep-mean-in-stage = Среднее время на этапе
rep-won = Успешно
rep-lost = Потеряно
rep-open = В работе
rep-conversion = Конверсия
rep-calls = { $n ->
    [one] { $n } звонок
    [few] { $n } звонка
    [many] { $n } звонков
   *[other] { $n } звонка
}
rep-calls-more = 4 звонка и больше
rep-attempts-most = Больше всего заявок: { $v }
rep-trend = По неделям
rep-chart-trend-leads = Заявки за неделю
rep-chart-trend-median = Медиана времени реакции за неделю
rep-trend-note = Недели начинаются с понедельника; медиана интерполирована внутри интервалов времени реакции.
rep-week = Неделя
rep-sla = Соблюдение SLA
rep-chart-sla = Соблюдение по SLA
rep-sla-name = SLA
rep-met = Соблюдено
rep-breached = Нарушено
rep-compliance = Соблюдение
rep-at-risk = Под угрозой сейчас
rep-breach-at = Нарушение в
rep-none-at-risk = Сейчас ни одна заявка не под угрозой.
rep-feedback = Отзывы клиентов
rep-chart-complaints = Заявки с жалобами по ответственным
rep-quality-positive = Контрольный звонок: доволен
rep-quality-negative = Контрольный звонок: недоволен
rep-complaints = Жалобы
rep-leads-with-complaints = Заявки с жалобами
rep-drill-title = Заявки за показателем
rep-leads-shown = { $n ->
    [one] { $n } заявка
    [few] { $n } заявки
    [many] { $n } заявок
   *[other] { $n } заявки
}
rep-response-time = Время реакции
rep-not-answered = Без ответа
rep-next-page = Следующая страница
rep-back = Назад к отчётам
rep-status-open = В работе
rep-status-won = Успешна
rep-status-lost = Потеряна
rep-figure-leads = Все заявки
rep-figure-responded = Заявки с ответом
rep-figure-never = Заявки без ответа
rep-figure-within_5_min = С ответом за 5 минут
rep-figure-within_1_hour = С ответом за 1 час
rep-figure-within_24_hours = С ответом за 24 часа
rep-figure-won = Успешные
rep-figure-lost = Потерянные
rep-figure-open = Ещё в работе
rep-figure-complaints = Заявки с жалобами
rep-figure-quality_positive = Контрольный звонок: доволен
rep-figure-quality_negative = Контрольный звонок: недоволен
rep-figure-bucket = С ответом за { $v }
rep-figure-reached = Дошли до этапа { $v }
rep-figure-attempts = Попыток дозвона: { $v }
rep-figure-sla-met = SLA выполнен: { $v }
rep-figure-sla-breached = SLA нарушен: { $v }
# Журнал аудита и отказы
audit = Журнал аудита
audit-hint = Кто входил, что было запрещено, кто менял пользователей, токены и настройки и кто открывал документы клиентов. Сначала новые; ничего здесь нельзя изменить или удалить.
audit-who = Кто
audit-what = Что
audit-when = Когда
audit-target = Объект
audit-ip = Адрес
audit-detail = Подробности
audit-anyone = Кто угодно
audit-anything = Что угодно
audit-empty = Ничего подходящего не записано.
audit-older = Более ранние записи
audit-unknown = Неизвестно
audit-bad-filter = Фильтр нельзя применить:
audit-sign_in-ok = Вход
audit-sign_in-failed = Неудачный вход
audit-sign_out = Выход
audit-access-denied = Запрещено
audit-user-created = Добавлен пользователь
audit-user-changed = Изменён пользователь
audit-user-password_changed = Изменён пароль
audit-user-password_reset = Пароль сброшен администратором
audit-token-created = Выдан API-токен
audit-token-revoked = API-токен отозван
audit-messages-set = Изменён текст сообщения
audit-messages-reset = Восстановлен текст сообщения
audit-forms-saved = Веб-форма сохранена
audit-forms-deleted = Веб-форма удалена
audit-playbook-loaded = Загружен сценарий
audit-webhook-created = Добавлен вебхук
audit-webhook-deleted = Удалён вебхук
audit-mailbox-tested = Проверка почтового ящика
audit-delivery-tested = Отправлено тестовое сообщение
audit-link-revoked = Отозвана ссылка клиента
audit-document-read = Открыт документ клиента
audit-attachment-read = Открыто вложение письма
audit-lead-stage_override = Обход этапов
denied-title = Не разрешено
denied-back = Назад
denied-deal = Переводить заявку в сделку или закрывать её как выигранную могут консультанты, специалисты, координаторы, менеджеры и администраторы; передайте её.
denied-email = Писать клиенту с адреса компании может только владелец заявки, тот, у кого по ней открытая задача, менеджер или администратор.
denied-documents = Документы клиента открывает только владелец заявки, менеджер или администратор.
denied-revoke = Ссылку клиента отзывает только владелец заявки, менеджер или администратор.
error-title-not-found = Не найдено
error-not-found = Здесь ничего нет: запись могли удалить или объединить, или в адресе опечатка.
error-title-invalid = Проверьте введённые данные
error-invalid = Часть отправленного нельзя использовать:
error-title-conflict = Сейчас это невозможно
error-conflict = Записи за это время изменились, поэтому сделать это так, как просили, нельзя:
error-title-wait = Слишком много попыток
error-wait = Попробуйте снова через { $seconds } с.
error-title-unavailable = Временно недоступно
error-unavailable = Данные сейчас недоступны. Попробуйте снова через минуту.
error-title-internal = Что-то пошло не так
error-internal = На сервере произошёл сбой; подробности в его журнале. Если это повторится, сообщите администратору.
documents-restricted = { $n ->
    [one] Клиент прислал { $n } документ; открывают его только владелец, менеджеры и администраторы.
    [few] Клиент прислал { $n } документа; открывают их только владелец, менеджеры и администраторы.
   *[other] Клиент прислал { $n } документов; открывают их только владелец, менеджеры и администраторы.
}

# accounts: the user lifecycle and sign-in hardening
account-state = Учётная запись
user-active = Активна
user-inactive = Отключена
deactivate = Отключить
reactivate = Включить снова
change-role = Сменить роль
reset-password = Сбросить пароль
tokens = API-токены
token-name = Название
created = Создан
last-used = Последнее использование
expires = Истекает
expired = истёк
never = никогда
revoke = Отозвать
no-tokens = API-токенов нет.
user-deactivated = { $name } больше не может войти: завершено сессий — { $sessions }, отозвано API-токенов — { $tokens }. Открытые задачи ({ $tasks }) и открытые заявки ({ $leads }) вернулись в процесс; у { $reassigned } заявок уже есть новый владелец, остальные ждут следующего свободного сотрудника.
user-reactivated = { $name } снова может войти. Токены, отозванные при отключении, остаются отозванными; при необходимости выпустите новые.
role-changed = { $name } теперь в роли { $role }; это действует со следующего запроса.
password-reset = Временный пароль пользователя { $name } (показывается только сейчас): { $password } — при следующем входе нужно выбрать свой. Его сессии завершены; API-токены продолжают работать.
token-revoked = Токен «{ $token }» пользователя { $name } больше не работает.
must-change-password = Администратор сбросил ваш пароль. Чтобы продолжить, выберите свой.
revoke-tokens = Также отозвать все мои API-токены
password-changed-tokens = Пароль изменён. Остальные сессии завершены ({ $sessions }); отозвано API-токенов: { $tokens }.
password-changed-kept = Пароль изменён. Остальные сессии завершены ({ $sessions }); ваши API-токены продолжают работать.
too-many-for-account = Слишком много неверных паролей для этой учётной записи. Повторите через { $seconds } с.
password-rules = Не меньше 12 символов; не распространённый пароль, не ваш логин и не имя. Хорошо подходят несколько не связанных слов.
confirm-deactivate = Деактивировать { $name }? Сеансы и API-токены сразу перестанут действовать, а открытая работа вернётся в процесс.
confirm-reset = Сбросить пароль { $name }? Сеансы завершатся, а при следующем входе нужно будет выбрать новый пароль.
