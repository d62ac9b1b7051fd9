# The notify area's words (ru).
notify-nav = Уведомления
notify-title = Уведомления
notify-hint = Что сообщил вам процесс: напоминания, сроки, передачи и то, что прислали клиенты. Открытое уведомление отмечается прочитанным.
notify-empty = Пока ничего. Здесь появятся напоминания, сроки и сообщения клиентов.
notify-read-all = Отметить все прочитанными
notify-read-one = Прочитано
notify-open = Открыть карточку
notify-unread = непрочитанное
notify-waiting = Ждёт ответа
notify-urgent = Срочно
notify-count = { $n ->
    [one] { $n } непрочитанное
    [few] { $n } непрочитанных
   *[other] { $n } непрочитанных
}
notify-new-lead = Новая заявка
notify-someone = клиент
notify-ago-now = только что
notify-ago-min = { $n } мин назад
notify-ago-h = { $n } ч назад
notify-ago-d = { $n ->
    [one] { $n } день назад
    [few] { $n } дня назад
   *[other] { $n } дней назад
}
notify-via-web = заявка с сайта
notify-via-email = e-mail
notify-via-phone = звонок
notify-via-in_person = личный визит
notify-via-api = API
notify-via-unknown = заявка
notify-s-other = Что-то произошло: { $who }
notify-s-nothing = Уведомление
notify-s-new_lead = { $who }, { $via }: позвоните сейчас
notify-s-new_lead_email = { $who }, { $via }: нет телефона, напишите e-mail
notify-s-new_request = { $who }, { $via }: подтвердите заявку по телефону сейчас
notify-s-urgent_order = Срочный заказ: { $who }, { $via }
notify-s-late_request = { $who }, { $via }: пришла перед самым закрытием, подтвердите сегодня
notify-s-in_person = { $who }, { $via }: внесено для вас, свяжитесь
notify-s-missed_call = Пропущенный звонок: { $who }, перезвоните сейчас
notify-s-no_reaction = Никто не отреагировал: { $who }, { $via }, возьмите на себя
notify-s-silence = { $who }, { $via }: ещё не подтверждено, позвоните сейчас
notify-s-reminder = Всё ещё ждёт вас: { $who }, { $via }
notify-s-sla_warning = Срок под угрозой: { $who }, { $via }, ещё нет первого контакта
notify-s-sla_breached = Срок нарушен: { $who }, { $via }, опоздание { $late } мин
notify-s-handover = { $who }, { $via }: стоит работать, соберите исходные данные
notify-s-handed_over = Передано вам: { $who }, { $via }, позвоните в течение часа
notify-s-urgent_callback = Срочно: перезвоните: { $who }, в течение 10 минут
notify-s-offer_ready = Предложение для: { $who } готово к показу
notify-s-offer_follow_up = Предложение для: { $who } ждёт три дня, напомните о себе
notify-s-offer_accept = { $who }: предложение принято на странице клиента, следующие шаги за вами
notify-s-offer_decline = { $who }: предложение отклонено на странице клиента
notify-s-offer_changes = { $who }: просит изменить предложение, подготовьте новую версию
notify-s-complaint = Жалоба после доставки: { $who }, см. задачу контрольного звонка
notify-s-customer_message = { $who } написал(а) на своей странице
notify-s-customer_callback = { $who } просит перезвонить
notify-s-customer_document = { $who } прислал(а) документ
notify-s-email_reply = { $who } ответил(а) по e-mail
notify-s-mailbox_failed = Почтовый ящик перестал работать: отправленные туда заявки ждут
notify-s-test = Тестовое сообщение
