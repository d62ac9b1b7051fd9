# The requisites area's words (issue 21).

## The requisites on the timeline
words-ev-requisites-staff-b2c = { $who }: פרטי הלקוח הוזנו (אדם פרטי).
words-ev-requisites-staff-b2b = { $who }: פרטי החברה של הלקוח הוזנו.
words-ev-requisites-api-b2c = { $who }: פרטי הלקוח (אדם פרטי) הוזנו דרך ה-API.
words-ev-requisites-api-b2b = { $who }: פרטי החברה של הלקוח הוזנו דרך ה-API.
words-ev-requisites-customer-b2c = הלקוח הזין את פרטיו (אדם פרטי) בדף שלו.
words-ev-requisites-customer-b2b = הלקוח הזין את פרטי החברה בדף שלו.
audit-requisites-id_document_read = צפייה בפרטי הדרכון

## The confirmation to the customer
requisites-mail-subject = { $company }: קיבלנו את הפרטים שלכם
requisites-mail-subject-plain = קיבלנו את הפרטים שלכם
requisites-mail-text =
    שלום { $name },
    {""}
    תודה — קיבלנו את הפרטים שלכם לחשבונית ולמשלוח.
    אפשר לבדוק אותם ולעקוב אחר ההזמנה בדף שלכם:
    { $link }
requisites-sms-text = תודה, קיבלנו את הפרטים שלכם. הדף שלכם: { $link }

## The fields
requisites-f-customer_type = על שם מי החשבונית?
requisites-type-b2c = אדם פרטי
requisites-type-b2b = חברה (תאגיד)
requisites-f-full_name = שם מלא
requisites-f-phone = טלפון
requisites-f-email = דוא״ל
requisites-f-address = כתובת
requisites-f-id_document = דרכון או תעודת זהות (מספר, הונפק על ידי, בתוקף עד)
requisites-f-company = שם החברה
requisites-f-company_id = מספר החברה
requisites-f-vat_id = מספר עוסק / מע״מ (השאירו ריק אם אינכם עוסק מורשה)
requisites-shown-vat_id = מספר עוסק / מע״מ
requisites-shown-id_document = דרכון או תעודת זהות
requisites-f-contact_person = איש קשר
requisites-hint-vat_id = עם קוד המדינה, למשל IL123456789.
requisites-hint-id_document = המוביל צריך אותו למשלוח. נשמר מוצפן.

## Messages next to the fields
requisites-errors = נא לתקן את השדות המסומנים.
requisites-err-type-required = בחרו אדם פרטי או חברה.
requisites-err-type-invalid = בחרו אדם פרטי או חברה.
requisites-err-required = נא למלא.
requisites-err-not-for-type = שדה זה אינו נדרש לסוג לקוח זה.
requisites-err-invalid-full_name = כתבו את השם בשורה אחת, עד 200 תווים.
requisites-err-invalid-phone = זה אינו מספר טלפון תקין.
requisites-err-invalid-email = זו אינה כתובת דוא״ל.
requisites-err-invalid-address = בכתובת יש תווים אסורים, או שהיא ארוכה מ-500 תווים.
requisites-err-invalid-id_document = בפרטי הדרכון יש תווים אסורים, או שהם ארוכים מ-500 תווים.
requisites-err-invalid-company = כתבו את שם החברה בשורה אחת, עד 200 תווים.
requisites-err-invalid-company_id = זה אינו מספר חברה תקין (ב-IČO צ׳כי ספרת הביקורת אינה מתאימה).
requisites-err-invalid-contact_person = כתבו את השם בשורה אחת, עד 200 תווים.
requisites-err-vat-invalid = זה אינו מספר מע״מ תקין: קוד המדינה והמספר, למשל IL123456789 (IL + 9 ספרות, CZ + 8–10, DE + 9).

## The lead card and the staff's form
requisites-title = פרטי הלקוח
requisites-none = עדיין אין פרטים לחשבונית.
requisites-enter = הזנת פרטים
requisites-edit = שינוי פרטים
requisites-updated = הוזן { $when } ({ $source }).
requisites-source-staff = על ידי הצוות
requisites-source-api = דרך ה-API
requisites-source-customer = על ידי הלקוח בדף שלו
requisites-id-on-file = שמור
requisites-id-hidden = רק בעל הפנייה, מנהלים ומנהלי מערכת רואים את פרטי הדרכון.
requisites-id-reveal = הצגת פרטי הדרכון
requisites-id-audited = צפייה זו נרשמת ביומן הביקורת.
requisites-edit-title = פרטים: { $who }
requisites-back = חזרה לפנייה
requisites-choose = בחרו תחילה על שם מי החשבונית:
requisites-continue = המשך
requisites-save = שמירת הפרטים
requisites-id-retype = פרטי הדרכון לעולם אינם ממולאים בטופס: הקלידו אותם שוב.
requisites-saved = הפרטים נשמרו. נשלח אישור ללקוח.
requisites-denied = את פרטי הלקוח מזינים בעל הפנייה, מי שיש לו משימה בה, מנהלים ומנהלי מערכת.

## The customer's page
c-requisites-title = הפרטים שלכם לחשבונית
c-requisites-ask = תודה שקיבלתם את ההצעה. נא להזין את הפרטים שלכם כדי שנכין את החשבונית והמשלוח.
c-requisites-intro = כאן אפשר להזין את הפרטים שלכם לחשבונית.
c-requisites-have = הפרטים שלכם אצלנו. תודה!
c-requisites-change = שינוי הפרטים שלי
c-requisites-send = שליחת הפרטים
c-sent-requisites = תודה — קיבלנו את הפרטים שלכם. אישור בדרך אליכם.
