# Pronto: תבניות של ה-playbook המובנה "agency" (עברית).

new_lead = פנייה חדשה: { $contact_name } { $contact_phone }, { $channel } — יש להתקשר עכשיו. ליד { $lead_id } { $lead_url }
new_lead_email = פנייה חדשה: { $contact_name } { $contact_email }, { $channel } — אין טלפון, יש לשלוח אימייל. ליד { $lead_id } { $lead_url }
in_person = נרשמה עבורך פנייה פרונטלית: { $contact_name } { $contact_phone } — יש לחזור ללקוח. ליד { $lead_id } { $lead_url }
no_reaction = אין תגובה לפנייה של { $contact_name } { $contact_phone } ({ $channel }) — נא לקחת אותה לטיפול. ליד { $lead_id } { $lead_url }
reminder = עדיין מחכים לך: { $contact_name } { $contact_phone } ({ $channel }). ליד { $lead_id } { $lead_url }
sla_warning = עדיין לא נוצר קשר ראשון עם { $contact_name } (ליד { $lead_id }) { $lead_url }
sla_breached = חריגה מזמן המענה הראשון: { $contact_name } (ליד { $lead_id }, בטיפול { $owner_name }) { $lead_url }
handover = כדאי לעבוד עם { $contact_name }: יש לאסוף את נתוני הקלט (ליד { $lead_id }) { $lead_url }

# ללקוח בשפת הלקוח: מחוץ לשעות הפעילות (ack_after_hours) ובשעות הפעילות (ack).
ack_after_hours = שלום { $contact_name }, תודה על פנייתך. אנחנו כעת מחוץ לשעות הפעילות; היועץ שלנו ייצור איתך קשר בתחילת יום העבודה הבא. אפשר לעקוב אחר התקדמות הפנייה כאן: { $lead_tracking_url }
    .subject = קיבלנו את פנייתך
ack = שלום { $contact_name }, תודה על פנייתך. היועץ שלנו ייצור איתך קשר תוך כמה דקות. אפשר לעקוב אחר התקדמות הפנייה כאן: { $lead_tracking_url }
    .subject = קיבלנו את פנייתך

offer_follow_up = ההצעה עבור { $contact_name } ממתינה כבר שלושה ימים: יש לחזור ללקוח (ליד { $lead_id }) { $lead_url }
invoice_reminder = שלום { $contact_name }, מועד התשלום של החשבונית שלך עבר ועדיין לא קיבלנו את התשלום. אם כבר שילמת, תודה; אחרת פרטי התשלום נמצאים בדף שלך: { $lead_tracking_url }
    .subject = מועד התשלום של החשבונית עבר
offer_ready = ההצעה עבור { $contact_name } מוכנה להצגה (ליד { $lead_id }) { $lead_url }
missed_call = שיחה שלא נענתה מ־{ $contact_name } { $contact_phone } — יש לחזור עכשיו. ליד { $lead_id } { $lead_url }

# מה שהלקוח עשה בדף שלו, לאחראי על הליד.
customer_message = הודעה חדשה מ־{ $contact_name } בדף הלקוח — יש לקרוא ולענות. ליד { $lead_id } { $lead_url }
customer_callback = בקשה לשיחה חוזרת מ־{ $contact_name } בדף הלקוח — ראו את המשימה. ליד { $lead_id } { $lead_url }
customer_document = מסמך חדש מ־{ $contact_name } בדף הלקוח. ליד { $lead_id } { $lead_url }

# שמות השלבים, התוצאות וזמן התגובה של התהליך, לצוות.
stage-received = התקבלה
stage-contacted = קשר ראשון
stage-qualified = כדאי לעבוד יחד
stage-offer = הצעה
stage-won = שיתוף פעולה
stage-lost = לא עכשיו
outcome-accepted = התקבלה
outcome-smaller = מתחיל בקטן
outcome-rejected = נדחתה
sla-first_response = קשר ראשון תוך 10 דקות עבודה

# Titles of the playbook's tasks.
task-first_call = התקשרו לפנייה החדשה
task-first_email = כתבו לפנייה החדשה (אין מספר טלפון)
task-email_after_calls = לא היה מענה בטלפון: שלחו דוא״ל
task-follow_up = המשיכו את הפנייה שהגיעה פנים אל פנים
task-record_meeting = תעדו את הפגישה פנים אל פנים
task-gather_input = אספו את נתוני הבסיס והגישות (Google Ads‏, Sklik‏, Google Analytics — היכן שזה הגיוני)
task-specialist_meeting = צרו קשר עם הלקוח וקבעו פגישה
task-prepare_offer = הכינו את ההצעה: מועדים, מחירים, מהלך שיתוף הפעולה, מי מספק מה
task-present_offer = הציגו את ההצעה
task-start_cooperation = התחילו את שיתוף הפעולה: גישות, אנשי קשר ופגישת העבודה הראשונה
task-ask_requisites = בקשו מהלקוח את פרטי החשבונית: מאדם פרטי שם, טלפון, דוא״ל, כתובת ותעודה מזהה, מחברה את פרטי החברה
task-prepare_smaller_offer = הכינו גרסה קטנה יותר של ההצעה: הלקוח ביקש שינויים
task-confirm_documents = התקשרו לוודא שהחשבונית והמסמכים הגיעו
task-paid_next_step = הלקוח שילם: תכננו את הצעד הבא בשיתוף הפעולה
task-unpaid_invoice_call = התקשרו בעניין החשבונית שלא שולמה
task-unpaid_invoice_escalation = החשבונית עדיין לא שולמה: קחו על עצמכם את גביית החוב
task-offer_follow_up = עקבו אחרי ההצעה: האם הלקוח החליט?
task-call_notes = תעדו על מה הייתה השיחה
task-call_back = חזרו ללקוח: שיחה שלא נענתה
