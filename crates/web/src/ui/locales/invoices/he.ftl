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
