# The invoices area's words (issue 21).

## The invoices on the timeline
words-ev-invoice-issued = { $who } הנפיק/ה חשבונית { $number }: { $gross } { $currency }, לתשלום עד { $due }.

## The message that brings the documents
inv-mail-subject = חשבונית { $number } מאת { $company }
inv-mail-text =
    שלום,
    {""}
    תודה על ההזמנה. חשבונית { $number } והמסמכים נמצאים בדף שלך:
    { $link }
    {""}
    סכום: { $total }
    לתשלום עד: { $due }
    אסמכתת תשלום: { $vs }
    חשבון: { $account }
    אספקה: { $delivery }
inv-sms-text = חשבונית { $number } ({ $total }, עד { $due }, אסמכתה { $vs }) בדף שלך: { $link }
inv-mail-delivery-agreed = כפי שסוכם

## Statuses
inv-status-issued = הונפקה
inv-status-partially_paid = שולמה חלקית
inv-status-paid = שולמה
inv-status-overdue = באיחור
inv-status-cancelled = בוטלה

## The lead card
inv-card-title = חשבוניות
inv-card-none = אין עדיין חשבונית.
inv-card-number = חשבונית { $number }
inv-card-dates = הונפקה { $issued }, לתשלום עד { $due }
inv-card-paid = שולם { $paid }
inv-card-issue = הנפקת חשבונית להצעה, גרסה { $version }
inv-card-issued = חשבונית { $number } הונפקה והמסמכים נשלחו ללקוח.
inv-card-refused-no-requisites = עדיין אי אפשר להנפיק חשבונית: הזינו קודם את הפרטים האישיים או את פרטי החברה של הלקוח.
inv-card-refused-not-accepted = אפשר להנפיק חשבונית רק להצעה שהלקוח אישר.
inv-card-refused-invoiced = להצעה הזו כבר הונפקה חשבונית.
inv-doc-invoice = חשבונית (PDF)
inv-doc-contract = חוזה (PDF)

## The customer's page
c-inv-title = החשבוניות שלך
c-inv-invoice = חשבונית { $number }
c-inv-total = סכום { $total }
c-inv-due = לתשלום עד { $date }
c-inv-reference = אסמכתת תשלום { $vs }
c-inv-pdf = הורדת החשבונית (PDF)
c-inv-contract-pdf = הורדת החוזה (PDF)

## The company's settings: invoicing
inv-set-title = חשבוניות
inv-set-help = מה החשבוניות אומרות על החברה ואיך הן ממוספרות.
inv-set-registration-id = מספר רישום (ח״פ)
inv-set-vat-id = מספר עוסק
inv-set-bank-account = חשבון בנק
inv-set-iban = IBAN
inv-set-bic = BIC / SWIFT
inv-set-terms = תנאי תשלום (ימים)
inv-set-pattern = תבנית מספר החשבונית
inv-set-pattern-help = {"{"}YYYY{"}"} או {"{"}YY{"}"} הם השנה, {"{"}NNNN{"}"} המונה עם כמה ספרות שיש N; למשל {"{"}YYYY{"}{"}NNNN{"}"} נותן 20260001.
inv-set-save = שמירה
inv-set-saved = הגדרות החשבוניות נשמרו.
inv-set-err-text = עד { $max } תווים, בשורה אחת
inv-set-err-iban = `{ $v }` אינו IBAN תקין (בדקו את הספרות)
inv-set-err-terms = `{ $v }` אינו מספר ימים בין 0 ל־365
inv-set-err-pattern = `{ $v }`: { $why }

## תשלומים (issue 21, payments): ציר הזמן
words-ev-payment-recorded = { $who } רשם/ה תשלום של { $amount } { $currency } לחשבונית { $number }; נותרו לתשלום { $left } { $currency }.
words-ev-invoice-paid = { $who }: חשבונית { $number } שולמה במלואה ({ $gross } { $currency }); הלקוח קיבל הודעה.
words-ev-payments-imported = { $who } ייבא/ה דף חשבון בנק: { $matched } מתוך { $lines } שורות נרשמו כתשלומים, { $unmatched } ממתינות לבדיקה.
words-ev-payments-reviewed-assigned = { $who } שייך/ה שורה מדף חשבון הבנק לחשבונית.
words-ev-payments-reviewed-dismissed = { $who } דחה/תה שורה מדף חשבון הבנק: אין זה תשלום של חשבונית.
words-ev-invoice-overdue-reminder = { $who }: חשבונית { $number } לא שולמה אחרי מועד התשלום (נותרו { $left }); הלקוח מקבל תזכורת והאחראי מתקשר.
words-ev-invoice-overdue-escalation = { $who }: חשבונית { $number } עדיין לא שולמה (נותרו { $left }); מנהל לוקח את הטיפול.

## תשלומים: ההודעה ללקוח
inv-paid-mail-subject = התשלום התקבל: חשבונית { $number }
inv-paid-mail-text =
    שלום,
    {""}
    תודה: קיבלנו את התשלום שלך וחשבונית { $number } ({ $total }) שולמה במלואה. מה קורה הלאה, אפשר לראות בדף שלך:
    { $link }
    {""}
    { $company }
inv-paid-sms-text = תודה: חשבונית { $number } ({ $total }) שולמה במלואה. הדף שלך: { $link }

## תשלומים: כרטיס הפנייה
inv-card-left = נותרו לתשלום { $left }
inv-pay-title = רישום תשלום
inv-pay-amount = סכום ({ $currency })
inv-pay-date = תאריך הקבלה
inv-pay-reference = אסמכתה לתשלום
inv-pay-submit = רישום התשלום
inv-pay-next = כשהתשלום מכסה את כל החשבונית, הלקוח מקבל הודעה והשלב הבא בעסקה מתחיל; תשלום חלקי מקטין את היתרה לתשלום.
inv-pay-recorded = התשלום נרשם: לחשבונית { $number } נותרו לתשלום { $left }.
inv-pay-recorded-full = חשבונית { $number } שולמה במלואה: הלקוח קיבל הודעה והשלב הבא התחיל.
inv-pay-refused = התשלום לא נרשם: { $why }
inv-pay-bad-amount = הסכום חייב להיות מספר חיובי, לכל היותר היתרה לתשלום
inv-pay-bad-date = התאריך חייב להיות יום שכבר עבר, למשל 06.05.2031

## תשלומים: הדף של הלקוח
c-inv-paid = שולמה במלואה — תודה
c-inv-partially-paid = שולמו { $paid }, נותרו { $left }

## תשלומים: הדף למנהלים
pay-page-title = תשלומים
inv-card-payments-link = דפי חשבון בנק ותשלומים לבדיקה
pay-page-help = העלו את דף חשבון הבנק: כל תשלום שהאסמכתה שלו היא המספר המשתנה של חשבונית והסכום שלו שווה ליתרה (או קטן ממנה) נרשם לחשבונית זו; כשהחשבונית שולמה במלואה, הלקוח מקבל הודעה. מה שלא מתאים ממתין למטה.
pay-upload-file = דף חשבון בנק
pay-upload-format = פורמט
pay-format-csv = CSV (תאריך, סכום, מטבע, אסמכתה, משלם, הודעה)
pay-format-gpc = ABO/GPC (בנקים צ׳כיים)
pay-upload-submit = ייבוא דף החשבון
pay-imported = דף החשבון יובא: נרשמו { $matched } תשלומים, { $unmatched } ממתינים לבדיקה.
pay-review-title = לבדיקה
pay-review-none = אין מה לבדוק: כל תשלום מצא את החשבונית שלו.
pay-col-date = תאריך
pay-col-amount = סכום
pay-col-reference = אסמכתה
pay-col-counterparty = מאת
pay-col-reason = למה לא התאים
pay-reason-not_a_credit = תשלום יוצא, לא נכנס
pay-reason-no_reference = ללא אסמכתה
pay-reason-unknown_reference = אין חשבונית עם האסמכתה הזו
pay-reason-cancelled = החשבונית בוטלה
pay-reason-already_paid = החשבונית כבר שולמה
pay-reason-currency = מטבע שונה מזה של החשבונית
pay-reason-overpayment = יותר ממה שנותר לתשלום
pay-assign-number = מספר החשבונית
pay-assign = רישום לחשבונית זו
pay-dismiss = אין זה תשלום של חשבונית
pay-assigned = התשלום נרשם לחשבונית { $number }.
pay-dismissed = השורה נדחתה.
pay-error = לא בוצע: { $why }
