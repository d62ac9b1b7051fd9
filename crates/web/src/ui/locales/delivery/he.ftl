# המילים של אזור המשלוחים והתלונות (issue 21, סעיפים 5 ו-6).

## בציר הזמן
words-ev-delivery-planned = { $who } תכנן/ה את המשלוח ל-{ $date }.
words-ev-delivery-planned-driver = { $who } תכנן/ה את המשלוח ל-{ $date } עם הנהג { $driver }.
words-ev-delivery-pack-ready = ערכת המסמכים לנהג ל-{ $date } מוכנה.
words-ev-delivery-done = { $who } רשם/ה שהסחורה נמסרה { $at }.
words-ev-complaint-recorded = { $who } רשם/ה את תלונת הלקוח עבור ההנהלה.
words-ev-complaint-resolved = { $who } טיפל/ה בתלונת הלקוח וסגר/ה אותה.

## כרטיס הפנייה
dlv-card-title = משלוח
dlv-none = עדיין לא תוכנן משלוח.
dlv-date = יום המשלוח
dlv-address = כתובת
dlv-driver = נהג (לא חובה)
dlv-driver-name = נהג
dlv-plan = תכנון המשלוח
dlv-status-planned = מתוכנן
dlv-status-pack_ready = המסמכים מוכנים
dlv-status-delivered = נמסר
dlv-pack-at = המסמכים לנהג יודפסו { $at }.
dlv-delivered-at = נמסר { $at }.
dlv-doc-invoice = חשבונית
dlv-doc-vat_invoice = חשבונית מס
dlv-doc-delivery_note = תעודת משלוח
dlv-mark-delivered = סימון כנמסר
dlv-day-link = דף הנהג ל-{ $date }
dlv-flash-planned = המשלוח תוכנן.
dlv-flash-delivered = הסחורה נרשמה כנמסרה.
dlv-err-date = בחרו יום משלוח: היום או מאוחר יותר.
dlv-err-address = הזינו את כתובת המשלוח.
dlv-err-driver = שם הנהג הוא שורה אחת של עד 200 תווים.
dlv-err-delivered = המשלוח הזה כבר נרשם כנמסר.

## דף הנהג
dlv-day-title = משלוחים ב-{ $date }
dlv-day-nav = משלוחים
dlv-day-empty = אין משלוחים ביום הזה.
dlv-day-pick = יום
dlv-day-show = הצגה
dlv-print = הדפסה
dlv-customer = לקוח
dlv-phone = טלפון
dlv-documents = מסמכים
dlv-status = מצב
dlv-err-day = זה לא תאריך: בחרו יום בלוח השנה.

## תלונות
cmp-title = תלונות
cmp-nav = תלונות
cmp-intro = תלונות משיחות איכות שליליות, החדשות למעלה.
cmp-empty = אין תלונות.
cmp-status = מצב
cmp-all = הכול
cmp-status-open = פתוחה
cmp-status-resolved = טופלה
cmp-from = מ-
cmp-to = עד
cmp-show = הצגה
cmp-date = תאריך
cmp-customer = לקוח
cmp-owner = נציג
cmp-channel = ערוץ
cmp-text = התלונה
cmp-resolution = הטיפול
cmp-resolve = סגירה
cmp-resolve-note = איך טופלה
cmp-resolved-at = טופלה { $at }: { $note }
cmp-export-csv = הורדת CSV
cmp-export-xlsx = הורדת Excel
cmp-flash-resolved = התלונה טופלה.
cmp-err-note = כתבו איך טופלה התלונה.
cmp-err-filter = בדקו את הסינון: תאריך נכתב YYYY-MM-DD.
cmp-nobody = אף אחד
cmp-complaint-note = תלונת הלקוח (חובה בתשובה שלילית)
