# The requisites area's words (issue 21).

## The requisites on the timeline
words-ev-requisites-staff-b2c = { $who }: внесены данные клиента (частное лицо).
words-ev-requisites-staff-b2b = { $who }: внесены реквизиты компании клиента.
words-ev-requisites-api-b2c = { $who }: данные клиента (частное лицо) внесены через API.
words-ev-requisites-api-b2b = { $who }: реквизиты компании клиента внесены через API.
words-ev-requisites-customer-b2c = Клиент внёс свои данные (частное лицо) на своей странице.
words-ev-requisites-customer-b2b = Клиент внёс реквизиты компании на своей странице.
audit-requisites-id_document_read = Просмотр паспортных данных

## The confirmation to the customer
requisites-mail-subject = { $company }: мы получили ваши данные
requisites-mail-subject-plain = Мы получили ваши данные
requisites-mail-text =
    Здравствуйте, { $name }!
    {""}
    Спасибо — мы получили ваши данные для счёта и доставки.
    Проверить их и следить за заказом можно на вашей странице:
    { $link }
requisites-sms-text = Спасибо, мы получили ваши данные. Ваша страница: { $link }

## The fields
requisites-f-customer_type = На кого выставить счёт?
requisites-type-b2c = Частное лицо
requisites-type-b2b = Компания (юридическое лицо)
requisites-f-full_name = ФИО
requisites-f-phone = Телефон
requisites-f-email = E-mail
requisites-f-address = Адрес
requisites-f-id_document = Паспорт (серия и номер, кем выдан, срок действия)
requisites-f-company = Название компании
requisites-f-company_id = Регистрационный номер компании
requisites-f-vat_id = Номер плательщика НДС (оставьте пустым, если не плательщик)
requisites-shown-vat_id = Номер плательщика НДС
requisites-shown-id_document = Паспорт
requisites-f-contact_person = Контактное лицо
requisites-hint-vat_id = С кодом страны, например CZ12345678.
requisites-hint-id_document = Нужен перевозчику для доставки. Хранится в зашифрованном виде.

## Messages next to the fields
requisites-errors = Исправьте, пожалуйста, отмеченные поля.
requisites-err-type-required = Выберите частное лицо или компанию.
requisites-err-type-invalid = Выберите частное лицо или компанию.
requisites-err-required = Заполните, пожалуйста.
requisites-err-not-for-type = Для этого типа клиента это поле не заполняется.
requisites-err-invalid-full_name = Напишите имя в одну строку, не более 200 символов.
requisites-err-invalid-phone = Это не номер телефона.
requisites-err-invalid-email = Это не адрес e-mail.
requisites-err-invalid-address = В адресе недопустимые символы, или он длиннее 500 символов.
requisites-err-invalid-id_document = В паспортных данных недопустимые символы, или они длиннее 500 символов.
requisites-err-invalid-company = Напишите название компании в одну строку, не более 200 символов.
requisites-err-invalid-company_id = Это неверный номер компании (для чешского IČO не сходится контрольная цифра).
requisites-err-invalid-contact_person = Напишите имя в одну строку, не более 200 символов.
requisites-err-vat-invalid = Это неверный номер НДС: код страны и номер, например CZ12345678 (CZ + 8–10 цифр, SK/PL + 10, DE + 9, ATU + 8).

## The lead card and the staff's form
requisites-title = Реквизиты клиента
requisites-none = Реквизитов для счёта пока нет.
requisites-enter = Внести реквизиты
requisites-edit = Изменить реквизиты
requisites-updated = Внесены { $when } ({ $source }).
requisites-source-staff = командой
requisites-source-api = через API
requisites-source-customer = клиентом на его странице
requisites-id-on-file = сохранены
requisites-id-hidden = Паспортные данные видят только владелец обращения, менеджеры и администраторы.
requisites-id-reveal = Показать паспортные данные
requisites-id-audited = Этот просмотр записывается в журнал аудита.
requisites-edit-title = Реквизиты: { $who }
requisites-back = Назад к обращению
requisites-choose = Сначала выберите, на кого выставить счёт:
requisites-continue = Продолжить
requisites-save = Сохранить реквизиты
requisites-id-retype = Паспортные данные никогда не подставляются в форму: введите их снова.
requisites-saved = Реквизиты сохранены. Клиенту отправлено подтверждение.
requisites-denied = Реквизиты клиента вносят владелец обращения, исполнитель задачи по нему, менеджеры и администраторы.

## The customer's page
c-requisites-title = Ваши данные для счёта
c-requisites-ask = Спасибо, что приняли предложение. Введите, пожалуйста, свои данные, чтобы мы подготовили счёт и доставку.
c-requisites-intro = Здесь можно ввести свои данные для счёта.
c-requisites-have = Ваши данные у нас. Спасибо!
c-requisites-change = Изменить мои данные
c-requisites-send = Отправить данные
c-sent-requisites = Спасибо — мы получили ваши данные. Подтверждение уже отправлено.
