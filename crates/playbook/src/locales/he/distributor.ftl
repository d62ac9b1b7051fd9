# Pronto: תבניות של ה-playbook המובנה "distributor" (עברית).

new_request = בקשה חדשה: { $contact_name } { $contact_phone }, { $channel } — שיחת אישור תוך 10 דקות. ליד { $lead_id } { $lead_url }
silence = הבקשה של { $contact_name } { $contact_phone } לא אושרה — נא להתקשר עכשיו. ליד { $lead_id } { $lead_url }
sla_warning = יש לאשר עכשיו את הבקשה של { $contact_name } (ליד { $lead_id }) { $lead_url }
handed_over = הועברה אליך בקשה: { $contact_name } { $contact_phone } — יש להתקשר תוך שעה. ליד { $lead_id } { $lead_url }
urgent_callback = דחוף. הלקוח { $contact_name } { $contact_phone } המתין לך והובטח לו שיחה חוזרת תוך 10 דקות. שאלה: { $lead_subject } { $lead_message } ליד { $lead_id } { $lead_url }
    .subject = דחוף: יש לחזור אל { $contact_name } תוך 10 דקות
urgent_order = הזמנה דחופה מהאתר: { $contact_name } { $contact_phone } — { $lead_subject }. ליד { $lead_id } { $lead_url }
late_request = בקשה הגיעה ממש לפני הסגירה: { $contact_name } { $contact_phone } — יש לאשר אותה לפני היציאה. ליד { $lead_id } { $lead_url }

# הודעות ללקוח.
ack_after_hours = { $contact_name }, בקשתך התקבלה. נתקשר אליך בתחילת יום העבודה הבא. סטטוס הבקשה: { $lead_tracking_url }
ack = { $contact_name }, בקשתך התקבלה. המזכירות שלנו תתקשר אליך תוך 10 דקות. סטטוס הבקשה: { $lead_tracking_url }
payment_received = תודה, { $contact_name }: קיבלנו את התשלום שלך ואנחנו מכינים את המשלוח.
    .subject = התשלום התקבל
thanks = תודה על המשוב, { $contact_name }.
    .subject = תודה
invoice_reminder = { $contact_name }, מועד התשלום של החשבונית שלך עבר ועדיין לא קיבלנו את התשלום. אם כבר שילמת, תודה; אחרת פרטי התשלום נמצאים בדף שלך: { $lead_tracking_url }
    .subject = מועד התשלום של החשבונית עבר

complaint = תלונה של { $contact_name } { $contact_phone } אחרי המשלוח (ליד { $lead_id }) — ראו את טבלת התלונות. { $lead_url }
    .subject = תלונה אחרי משלוח
missed_call = שיחה שלא נענתה מ־{ $contact_name } { $contact_phone } — יש לחזור תוך 10 דקות. ליד { $lead_id } { $lead_url }

# מה שהלקוח עשה בדף שלו, לאחראי על הליד.
customer_message = הודעה חדשה מ־{ $contact_name } בדף הלקוח — יש לקרוא ולענות. ליד { $lead_id } { $lead_url }
customer_callback = בקשה לשיחה חוזרת מ־{ $contact_name } בדף הלקוח — ראו את המשימה. ליד { $lead_id } { $lead_url }
customer_document = מסמך חדש מ־{ $contact_name } בדף הלקוח (פרטי חברה או פרטי משלוח). ליד { $lead_id } { $lead_url }

# שמות השלבים, התוצאות וזמני התגובה של התהליך, לצוות.
stage-received = הבקשה התקבלה
stage-confirmed = אושרה על ידי המזכירה
stage-contacted = המנהל בקשר
stage-deal = עסקה
stage-invoiced = החשבונית נשלחה
stage-paid = שולם
stage-delivered = נמסר
stage-won = הושלם
stage-lost = אבד
outcome-refused = סירב
outcome-agreed = הסכים
outcome-in_stock = במלאי
outcome-out_of_stock = אזל מהמלאי
outcome-positive = מרוצה
outcome-negative = לא מרוצה
sla-confirmation = שיחת אישור תוך 10 דקות עבודה
sla-manager_call = שיחת מנהל תוך שעת עבודה אחת

# Titles of the playbook's tasks.
task-confirm_call = שיחת אישור: הבקשה התקבלה; שאלו על עיר, לקוח פרטי או עסקי, מועד אספקה, דחיפות
task-manager_call = התקשרו ללקוח לגבי זמינות ומועדי אספקה
task-callback = דחוף: חזרו ללקוח תוך 10 דקות (הייתם תפוסים כשהלקוח התקשר)
task-call_notes = תעדו על מה הייתה השיחה
task-call_back = חזרו ללקוח: שיחה שלא נענתה
task-consultation_call = התבקש ייעוץ: התקשרו ללקוח וייעצו לו
task-route_driver = משלוח במוסקבה: תכננו את מסלול הנהג
task-handle_objection = התקשרו שוב וטפלו בהתנגדות
task-check_availability = בדקו זמינות אצל הספק (מק״ט, או שם כשאין מק״ט)
task-ask_supplier = אזל מהמלאי: שאלו את מנהל הספק
task-manager_offer = שלחו את ההצעה: מחיר, מועד אספקה ואביזרים
task-order_confirmation = שלחו בדוא״ל אישור הזמנה ובקשו פרטים אישיים (שם, טלפון, כתובת, פרטי דרכון למוביל)
task-company_details = שלחו בדוא״ל אישור הזמנה ובקשו את פרטי החברה
task-invoice_and_contract = הכינו חשבונית וחוזה (לקוח עסקי) עם תנאי תשלום ואספקה
task-invoice_only = הכינו חשבונית עם תנאי תשלום ואספקה (לקוח פרטי: ללא חוזה)
task-confirm_documents = התקשרו לוודא שהמסמכים הגיעו
task-pay_supplier = שלמו את חשבונית הספק: הלקוח שילם
task-arrange_delivery = תאמו את המשלוח: תאריך, כתובת ונהג
task-unpaid_invoice_call = התקשרו בעניין החשבונית שלא שולמה
task-unpaid_invoice_escalation = החשבונית עדיין לא שולמה: קחו על עצמכם את גביית החוב
task-supplier_invoice = בקשו מהספק את החשבונית שלו (מק"טים מההצעה)
task-delivery_documents = הדפיסו לנהג חשבונית, חשבונית מס ותעודת משלוח (TORG-12)
task-quality_call = שיחת איכות: המשלוח ואיכות המוצר
