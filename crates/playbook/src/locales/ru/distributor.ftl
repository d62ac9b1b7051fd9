# Pronto: шаблоны встроенного плейбука «distributor» (русский).

new_request = Новая заявка: { $contact_name } { $contact_phone }, { $channel } — звонок-подтверждение в течение 10 минут. Лид { $lead_id } { $lead_url }
silence = Заявка { $contact_name } { $contact_phone } не подтверждена — позвоните, пожалуйста, сейчас. Лид { $lead_id } { $lead_url }
sla_warning = Подтвердите заявку { $contact_name } сейчас (лид { $lead_id }) { $lead_url }
handed_over = Вам передана заявка: { $contact_name } { $contact_phone } — позвоните в течение часа. Лид { $lead_id } { $lead_url }
urgent_callback = СРОЧНО. Клиент { $contact_name } { $contact_phone } ждал вас, ему обещали перезвонить в течение 10 минут. Вопрос: { $lead_subject } { $lead_message } Лид { $lead_id } { $lead_url }
    .subject = СРОЧНО: перезвоните { $contact_name } в течение 10 минут
urgent_order = СРОЧНЫЙ заказ с сайта: { $contact_name } { $contact_phone } — { $lead_subject }. Лид { $lead_id } { $lead_url }
late_request = Заявка пришла перед самым закрытием: { $contact_name } { $contact_phone } — подтвердите её до ухода. Лид { $lead_id } { $lead_url }

# Сообщения клиенту.
ack_after_hours = { $contact_name }, ваша заявка принята. Мы позвоним вам в начале следующего рабочего дня. Статус заявки: { $lead_tracking_url }
ack = { $contact_name }, ваша заявка принята. Секретарь позвонит вам в течение 10 минут. Статус заявки: { $lead_tracking_url }
payment_received = Спасибо, { $contact_name }: мы получили вашу оплату и готовим доставку.
    .subject = Оплата получена
thanks = Спасибо за ваш отзыв, { $contact_name }.
    .subject = Спасибо
invoice_reminder = { $contact_name }, срок оплаты вашего счёта истёк, а оплату мы пока не получили. Если вы уже оплатили, спасибо; иначе реквизиты для оплаты — на вашей странице: { $lead_tracking_url }
    .subject = Срок оплаты счёта истёк

complaint = Жалоба от { $contact_name } { $contact_phone } после доставки (лид { $lead_id }) — см. таблицу жалоб. { $lead_url }
    .subject = Жалоба после доставки
missed_call = Пропущенный звонок от { $contact_name } { $contact_phone } — перезвоните в течение 10 минут. Лид { $lead_id } { $lead_url }

# Что клиент сделал на своей странице, для ответственного.
customer_message = Новое сообщение от { $contact_name } со страницы клиента — прочитайте и ответьте. Лид { $lead_id } { $lead_url }
customer_callback = { $contact_name } просит перезвонить (запрос со страницы клиента) — см. задачу. Лид { $lead_id } { $lead_url }
customer_document = Новый документ от { $contact_name } со страницы клиента (реквизиты компании или данные для доставки). Лид { $lead_id } { $lead_url }

# Названия этапов, результатов и сроков процесса для команды.
stage-received = Заявка получена
stage-confirmed = Подтверждена секретарём
stage-contacted = Менеджер на связи
stage-deal = Сделка
stage-invoiced = Счёт выставлен
stage-paid = Оплачено
stage-delivered = Доставлено
stage-won = Завершено
stage-lost = Потеряно
outcome-refused = Отказ
outcome-agreed = Согласен
outcome-in_stock = В наличии
outcome-out_of_stock = Нет в наличии
outcome-positive = Доволен
outcome-negative = Недоволен
sla-confirmation = Звонок-подтверждение в течение 10 рабочих минут
sla-manager_call = Звонок менеджера в течение рабочего часа

# Titles of the playbook's tasks.
task-confirm_call = Звонок-подтверждение: заявка принята; уточните город, физическое или юридическое лицо, дату доставки, срочность
task-manager_call = Позвоните клиенту о наличии и сроках доставки
task-callback = СРОЧНО: перезвоните в течение 10 минут (вы были заняты, когда звонил клиент)
task-call_notes = Запишите, о чём был звонок
task-call_back = Перезвоните: пропущенный звонок
task-consultation_call = Запрошена консультация: позвоните клиенту и проконсультируйте
task-route_driver = Доставка по Москве: спланируйте маршрут водителя
task-handle_objection = Позвоните ещё раз и отработайте возражение
task-check_availability = Проверьте наличие у поставщика (артикул, а если его нет — название)
task-ask_supplier = Нет в наличии: спросите менеджера поставщика
task-manager_offer = Отправьте предложение: цена, срок поставки и аксессуары
task-order_confirmation = Отправьте письмом подтверждение заказа и запросите личные данные (ФИО, телефон, адрес, паспортные данные для перевозчика)
task-company_details = Отправьте письмом подтверждение заказа и запросите реквизиты компании
task-invoice_and_contract = Подготовьте счёт и договор (юридическое лицо) с условиями оплаты и доставки
task-invoice_only = Подготовьте счёт с условиями оплаты и доставки (физическое лицо: без договора)
task-confirm_documents = Позвоните и убедитесь, что документы получены
task-pay_supplier = Оплатите счёт поставщика: клиент оплатил
task-arrange_delivery = Организуйте доставку: дата, адрес и водитель
task-unpaid_invoice_call = Позвоните по неоплаченному счёту
task-unpaid_invoice_escalation = Счёт всё ещё не оплачен: возьмите взыскание долга на себя
task-supplier_invoice = Запросите счёт у поставщика (артикулы из предложения)
task-delivery_documents = Распечатайте для водителя счёт, счёт-фактуру и накладную (ТОРГ-12)
task-quality_call = Звонок о качестве: доставка и качество товара
