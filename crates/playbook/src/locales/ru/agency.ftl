# Pronto: шаблоны встроенного плейбука «agency» (русский).

new_lead = Новая заявка: { $contact_name } { $contact_phone }, { $channel } — звоните сейчас. Лид { $lead_id } { $lead_url }
new_lead_email = Новая заявка: { $contact_name } { $contact_email }, { $channel } — телефона нет, напишите письмо. Лид { $lead_id } { $lead_url }
in_person = Вам передано очное обращение: { $contact_name } { $contact_phone } — свяжитесь с клиентом. Лид { $lead_id } { $lead_url }
no_reaction = Заявку { $contact_name } { $contact_phone } ({ $channel }) никто не взял — возьмите её, пожалуйста. Лид { $lead_id } { $lead_url }
reminder = Всё ещё ждёт вас: { $contact_name } { $contact_phone } ({ $channel }). Лид { $lead_id } { $lead_url }
sla_warning = { $contact_name } всё ещё ждёт первого контакта (лид { $lead_id }) { $lead_url }
sla_breached = Пропущен срок первого ответа: { $contact_name } (лид { $lead_id }, ответственный { $owner_name }) { $lead_url }
handover = { $contact_name } — стоит работать: соберите исходные данные (лид { $lead_id }) { $lead_url }

# Клиенту на его языке: в нерабочее время (ack_after_hours) и в рабочее (ack).
ack_after_hours = Здравствуйте, { $contact_name }! Спасибо за заявку. Сейчас нерабочее время; наш консультант свяжется с вами в начале следующего рабочего дня. Следить за ходом заявки можно здесь: { $lead_tracking_url }
    .subject = Мы получили вашу заявку
ack = Здравствуйте, { $contact_name }! Спасибо за заявку. Наш консультант свяжется с вами в течение нескольких минут. Следить за ходом заявки можно здесь: { $lead_tracking_url }
    .subject = Мы получили вашу заявку

offer_follow_up = Предложение для { $contact_name } ждёт уже три дня: напомните о нём (лид { $lead_id }) { $lead_url }
invoice_reminder = Здравствуйте, { $contact_name }! Срок оплаты вашего счёта истёк, а оплату мы пока не получили. Если вы уже оплатили, спасибо; иначе реквизиты для оплаты — на вашей странице: { $lead_tracking_url }
    .subject = Срок оплаты счёта истёк
offer_ready = Предложение для { $contact_name } готово к презентации (лид { $lead_id }) { $lead_url }
missed_call = Пропущенный звонок от { $contact_name } { $contact_phone } — перезвоните сейчас. Лид { $lead_id } { $lead_url }

# Что клиент сделал на своей странице, для ответственного.
customer_message = Новое сообщение от { $contact_name } со страницы клиента — прочитайте и ответьте. Лид { $lead_id } { $lead_url }
customer_callback = { $contact_name } просит перезвонить (запрос со страницы клиента) — см. задачу. Лид { $lead_id } { $lead_url }
customer_document = Новый документ от { $contact_name } со страницы клиента. Лид { $lead_id } { $lead_url }

# Названия этапов, результатов и срока процесса для команды.
stage-received = Получена
stage-contacted = Первый контакт
stage-qualified = Стоит работать вместе
stage-offer = Предложение
stage-won = Сотрудничество
stage-lost = Не сейчас
outcome-accepted = Принято
outcome-smaller = Начнёт с меньшего
outcome-rejected = Отклонено
sla-first_response = Первый контакт в течение 10 рабочих минут

# Titles of the playbook's tasks.
task-first_call = Позвоните по новой заявке
task-first_email = Напишите по новой заявке (нет номера телефона)
task-email_after_calls = Не дозвонились: отправьте письмо
task-follow_up = Продолжите работу с личным обращением
task-record_meeting = Запишите итоги личной встречи
task-gather_input = Соберите исходные данные и доступы (Google Ads, Sklik, Google Analytics — где это имеет смысл)
task-specialist_meeting = Свяжитесь с клиентом и договоритесь о встрече
task-prepare_offer = Подготовьте предложение: сроки, цены, ход сотрудничества, кто что обеспечивает
task-present_offer = Представьте предложение
task-start_cooperation = Начните сотрудничество: доступы, контакты и первая рабочая встреча
task-ask_requisites = Запросите у клиента реквизиты для счёта: у частного лица имя, телефон, e-mail, адрес и документ, у компании — её реквизиты
task-prepare_smaller_offer = Подготовьте уменьшенную версию предложения: клиент попросил изменения
task-confirm_documents = Позвоните и убедитесь, что счёт и документы получены
task-paid_next_step = Клиент оплатил: спланируйте следующий шаг сотрудничества
task-unpaid_invoice_call = Позвоните по неоплаченному счёту
task-unpaid_invoice_escalation = Счёт всё ещё не оплачен: возьмите взыскание долга на себя
task-offer_follow_up = Напомните о предложении: клиент решил?
task-call_notes = Запишите, о чём был звонок
task-call_back = Перезвоните: пропущенный звонок
