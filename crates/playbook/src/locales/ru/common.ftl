# Pronto: названия каналов в уведомлениях (русский).

channel-web = сайт
channel-email = e-mail
channel-phone = телефон
channel-in_person = лично
channel-api = API
channel-chat = чат
channel-import = импорт

# Плановые отчёты для руководства.
report-secretary = Ежедневный отчёт: заявки и звонки
report-sales = Ежедневный отчёт по продажам
report-monthly = Итоги месяца
report-requests = Заявки
report-new-customers = Новые клиенты, ставшие заявками
report-calls = Звонки
report-transfers = Передано менеджерам
report-moved-to = Переведено на этап { $stage }, по каналам
report-unassigned = не назначено
report-new-customer = новый клиент
report-sales-stages = Этапы продаж
report-by-channel = По каналам: заявки, с ответом, медиана ответа, за 5 минут, выиграно, проиграно
report-minutes = { $n } мин
report-origin-call-in = входящий звонок
report-origin-call-out = исходящий звонок
report-invoices-issued = Выставлено счетов
report-invoices-paid = Оплачено счетов полностью
report-invoiced = Выставлено на сумму
report-received = Получено
report-outstanding = К оплате
report-overdue = просрочено { $amount } по { $n ->
    [one] { $n } счёту
   *[other] { $n } счетам
}
report-money-by-origin = Деньги по звонкам и заявкам: счета выставлены, оплачены, выставлено, получено, к оплате
report-money-by-channel = Деньги по каналам: счета выставлены, оплачены, выставлено, получено, к оплате
report-money-by-representative = Деньги по менеджерам: счета выставлены, оплачены, выставлено, получено, к оплате
report-sales-by-representative = Продажи по менеджерам: заявки, выиграно, проиграно, контрольные звонки положительные, отрицательные, жалобы
report-complaints = Жалобы
report-compared = По сравнению с прошлым месяцем (в скобках)
report-leads = Заявки
report-won = Выиграно

# Названия, общие для всех процессов: чем закончился звонок (кнопки команды и сообщения АТС) и виды задач.
outcome-reached = Дозвонились
outcome-no_answer = Не отвечает
outcome-busy = Занято
outcome-failed = Звонок не удался
outcome-missed = Пропущенный звонок
outcome-transferred = Переведён на менеджера
outcome-manager_busy = Менеджер занят
outcome-done = Готово
outcome-sent = Отправлено клиенту
kind-call = Звонок
kind-email = Письмо
kind-meeting = Встреча
kind-todo = Задача

# Оповещение владельца о решении клиента по предложению и заметка с возражениями.
offer-alert-accept = { $who }: предложение { $version } ({ $amount }) принято на странице клиента. Лид { $lead } { $url }
offer-alert-decline = { $who }: предложение { $version } ({ $amount }) отклонено на странице клиента. Лид { $lead } { $url }
offer-alert-changes = { $who }: просит изменить предложение { $version } ({ $amount }). Лид { $lead } { $url }
offer-alert-someone = Клиент
offer-objections = Закрыт как проигранный: клиент отклонил предложение { $count } раз(а). Возражения:
offer-objection = - версия { $version }: { $note }
offer-no-reason = (причина не указана)

# Тайный покупатель (issue 23).
canary-channel-form = веб-форму
canary-channel-mail = приём почты
canary-channel-call = телефонную станцию
canary-hop-sent = отправке тестового запроса
canary-hop-registered = регистрации
canary-hop-playbook = запуске процесса
canary-hop-alert_accepted = оповещении команды
canary-hop-closed = закрытии
canary-alert = Тестовый запрос Pronto через { $channel } не прошёл на шаге «{ $hop }»: { $error }. Запросы этим путём могут не доходить. Pronto повторит проверку и сообщит, когда всё заработает.
canary-recovered = Тестовый запрос Pronto через { $channel } снова проходит.
