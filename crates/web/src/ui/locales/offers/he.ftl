# The offers area's words (he).

## הצעות בציר הזמן
words-ev-offer-created = { $who }: הוכנה הצעה, גרסה { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who }: ההצעה, גרסה { $version }, נשלחה ללקוח.
words-ev-offer-accepted = הלקוח קיבל את ההצעה, גרסה { $version }. { $note }
words-ev-offer-declined = הלקוח דחה את ההצעה, גרסה { $version }. { $note }
words-ev-offer-changes-requested = הלקוח ביקש שינויים בהצעה, גרסה { $version }. { $note }

## The customer's page: offers, and the message that sends one
c-offer-title = ההצעה שלנו (גרסה { $version })
c-offer-valid = בתוקף עד { $date }
c-offer-expired = תוקף ההצעה הסתיים ב־{ $date } ולא ניתן עוד לקבל אותה. כתבו לנו ונכין הצעה חדשה.
c-offer-delivery = אספקה: { $date }
c-offer-col-item = פריט
c-offer-col-qty = כמות
c-offer-col-price = מחיר ליחידה
c-offer-col-discount = הנחה
c-offer-col-vat = מע״מ
c-offer-col-total = סה״כ
c-offer-vat-row = מע״מ { $rate } % על { $base }: { $vat }
c-offer-net = ללא מע״מ
c-offer-vat = מע״מ
c-offer-gross = סה״כ לתשלום
c-offer-cooperation = איך נעבוד יחד
c-offer-you-provide = מה אתם מספקים
c-offer-we-do = מה אנחנו עושים
c-offer-note = הערה
c-offer-avail-in_stock = במלאי
c-offer-avail-on_order = בהזמנה, צפוי ב־{ $date }
c-offer-avail-not_available = לא זמין
c-offer-accept = לקבל את ההצעה
c-offer-decline = לדחות
c-offer-changes = לבקש שינויים
c-offer-note-label = הערה עבורנו (לא חובה)
c-offer-note-help = כתבו מה לשנות או למה ההצעה לא מתאימה לכם.
c-offer-reason-smaller = להתחיל בשירות אחד או שניים
c-offer-quick = או בקשו התחלה קטנה יותר:
c-offer-decided-accept = קיבלתם את ההצעה. תודה — ניצור קשר לגבי הצעדים הבאים.
c-offer-decided-decline = דחיתם את ההצעה. תודה שעדכנתם אותנו.
c-offer-decided-changes = ביקשתם שינויים. אנחנו מכינים גרסה חדשה ונשלח אותה אליכם.
c-offer-superseded = גרסה חדשה יותר החליפה את ההצעה הזו.
c-sent-offer-accept = תודה: קיבלתם את ההצעה. ניצור קשר לגבי הצעדים הבאים.
c-sent-offer-decline = רשמנו שדחיתם את ההצעה. תודה שעדכנתם אותנו.
c-sent-offer-changes = קיבלנו את בקשתכם לשינויים. נשלח לכם גרסה חדשה.
c-offer-refused-title = לא ניתן עוד להחליט על ההצעה הזו
c-offer-refused-expired = תוקף ההצעה הסתיים. כתבו לנו ונכין הצעה חדשה.
c-offer-refused-superseded = גרסה חדשה יותר החליפה את ההצעה הזו: עיינו בגרסה האחרונה בדף שלכם.
c-offer-refused-decided = כבר החלטתם על ההצעה הזו.
c-offer-refused-not-sent = ההצעה הזו עדיין לא מוכנה.
c-offer-back = חזרה לדף שלכם
offer-mail-subject = ההצעה שלכם מ־{ $company } (גרסה { $version })
offer-mail-text =
    שלום,
    {""}
    ההצעה שלכם מוכנה: { $total }, בתוקף עד { $until }.
    עיינו בה וקבלו, דחו או בקשו שינויים בדף שלכם:
    { $link }
offer-sms-text = ההצעה שלכם מוכנה ({ $total }, בתוקף עד { $until }): { $link }

## The lead card's offers
offers-card-title = הצעות
offers-card-version = גרסה { $version }
offers-card-valid = בתוקף עד { $date }
offers-status-draft = טיוטה
offers-status-sent = נשלחה ללקוח
offers-status-accepted = התקבלה
offers-status-declined = נדחתה
offers-status-changes_requested = התבקשו שינויים
offers-status-superseded = הוחלפה בגרסה חדשה
offers-status-expired = פג תוקף

# editor
## עורך ההצעות והגרסאות זו לצד זו בכרטיס הפנייה
offers-ed-title = הצעה, גרסה { $version }, עבור { $who }
offers-ed-intro = שורות מהקטלוג (הקלידו מק״ט או שם) או טקסט חופשי. הסכומים מחושבים מחדש בשמירה.
offers-ed-intro-version = גרסה חדשה שמולאה לפי הקודמת: שנו את מה שהלקוח ביקש. הגרסה הקודמת נשמרת ומסומנת כמוחלפת.
offers-ed-back = → חזרה לפנייה
offers-ed-errors = { $n ->
    [one] יש לתקן שדה אחד. שום דבר ממה שהוקלד לא אבד.
   *[other] יש לתקן { $n } שדות. שום דבר ממה שהוקלד לא אבד.
}
offers-ed-lines = שורות
offers-ed-lines-hint = שורות ריקות מושמטות.
offers-ed-line-n = שורה { $v }
offers-ed-name = פריט (שם, או חיפוש בקטלוג)
offers-ed-sku = מק״ט
offers-ed-quantity = כמות
offers-ed-unit = יחידה
offers-ed-unit_price = מחיר ליחידה
offers-ed-discount = הנחה %
offers-ed-vat_rate = מע״מ %
offers-ed-availability = אצל הספק
offers-ed-avail-unknown = לא נבדק
offers-ed-avail-in_stock = במלאי
offers-ed-avail-on_order = בהזמנה
offers-ed-avail-not_available = לא זמין
offers-ed-available_on = תאריך הספק (בהזמנה)
offers-ed-remove = הסרת השורה
offers-ed-add = הוספת שורה
offers-ed-totals = סכומים
offers-ed-totals-hint = תצוגה מקדימה: השרת מחשב את הסכומים המדויקים בשמירה.
offers-ed-terms = תנאים
offers-ed-currency = מטבע
offers-ed-valid_until = בתוקף עד
offers-ed-delivery_date = מועד אספקה
offers-ed-cooperation = מהלך שיתוף הפעולה
offers-ed-customer_provides = מה הלקוח מספק
offers-ed-we_provide = מה אנחנו עושים
offers-ed-note = הערה
offers-ed-save = שמירה כטיוטה
offers-ed-save-hint = שום דבר לא יישלח ללקוח עד שתשלחו את ההצעה.
offers-ed-err-sku = אין מוצר עם מק״ט זה. בחרו מההצעות, או מלאו שם, מחיר ושיעור מע״מ.
offers-ed-err-name = מלאו את שם השורה או בחרו מוצר מהקטלוג.
offers-ed-err-quantity = הזינו כמות גדולה מ-0, למשל 2 או 1.5.
offers-ed-err-unit = הזינו יחידה קצרה, למשל יח׳ או שעה (עד 20 תווים).
offers-ed-err-unit_price = הזינו את המחיר ליחידה כמספר, למשל 1250.50.
offers-ed-err-unit_price-currency = מחיר המוצר במטבע אחר: הזינו את המחיר במטבע ההצעה.
offers-ed-err-discount = הזינו הנחה באחוזים בין 0 ל-100.
offers-ed-err-vat_rate = הזינו שיעור מע״מ באחוזים בין 0 ל-100, למשל 17.
offers-ed-err-availability = בחרו זמינות מהרשימה.
offers-ed-err-available_on = הזינו את תאריך הספק לשורה בהזמנה.
offers-ed-err-currency = בחרו מטבע מהרשימה.
offers-ed-err-valid_until = הזינו את היום האחרון של התוקף: היום או מאוחר יותר, עד שלוש שנים קדימה.
offers-ed-err-delivery_date = הזינו מועד אספקה מהיום והלאה.
offers-ed-err-cooperation = הטקסט ארוך מדי (עד 10,000 תווים).
offers-ed-err-customer_provides = הטקסט ארוך מדי (עד 10,000 תווים).
offers-ed-err-we_provide = הטקסט ארוך מדי (עד 10,000 תווים).
offers-ed-err-note = הטקסט ארוך מדי (עד 10,000 תווים).
offers-ed-err-items = מלאו לפחות שורה אחת (עד 200).
offers-ed-err-form = משהו בטופס אינו תקין, בדקו אותו.
offers-ed-saved = הצעה, גרסה { $version }, נשמרה כטיוטה. שלחו אותה ללקוח כשהיא מוכנה.
offers-ed-sent-email = הצעה, גרסה { $version }, נשלחה ללקוח בדוא״ל עם קישור לדף שלו. כשהוא יקבל, ידחה או יבקש שינויים, תדעו מיד.
offers-ed-sent-sms = הצעה, גרסה { $version }, נשלחה ללקוח ב-SMS עם קישור לדף שלו. כשהוא יקבל, ידחה או יבקש שינויים, תדעו מיד.
offers-ed-sent-none = הצעה, גרסה { $version }, נמצאת בדף הלקוח; אין לו דוא״ל או טלפון, מסרו לו את הקישור בעצמכם. כשיחליט, תדעו מיד.
offers-ed-none = אין עדיין הצעה.
offers-ed-send = שליחה ללקוח
offers-ed-new-version = גרסה חדשה
offers-ed-new = הצעה חדשה
offers-cmp-title = גרסאות זו לצד זו
offers-cmp-a = מוקדמת
offers-cmp-b = מאוחרת
offers-cmp-show = השוואה
offers-cmp-added = נוסף
offers-cmp-removed = הוסר
offers-cmp-changed = שונה
offers-cmp-f-name = שם
offers-cmp-f-quantity = כמות
offers-cmp-f-unit = יחידה
offers-cmp-f-unit_price = מחיר
offers-cmp-f-discount = הנחה
offers-cmp-f-vat_rate = שיעור מע״מ
offers-cmp-f-availability = זמינות
offers-cmp-f-cooperation = מהלך שיתוף הפעולה
offers-cmp-f-customer_provides = מה הלקוח מספק
offers-cmp-f-we_provide = מה אנחנו עושים
offers-cmp-f-note = הערה
offers-cmp-n-added = { $n ->
    [one] שורה אחת נוספה
   *[other] { $n } שורות נוספו
}
offers-cmp-n-removed = { $n ->
    [one] שורה אחת הוסרה
   *[other] { $n } שורות הוסרו
}
offers-cmp-n-changed = { $n ->
    [one] שורה אחת שונתה
   *[other] { $n } שורות שונו
}
offers-cmp-totals = הסכומים
offers-cmp-validity = התוקף
offers-cmp-delivery = מועד האספקה
offers-cmp-nothing = לא השתנה דבר בין הגרסאות האלה.
offers-cmp-summary = מה השתנה: { $v }.

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = הורדת ההצעה (PDF)
offers-card-pdf = PDF

# A playbook task's part in the offer (item 5): the editor opened from the task, the draft sent from it.
offers-task-editor = פתחו את עורך ההצעה
offers-task-new-version = פתחו את העורך: גרסה חדשה על בסיס גרסה { $version }
offers-task-send = שלחו ללקוח את גרסה { $version }
offers-ed-saved-task = גרסה { $version } של ההצעה נשמרה, והמשימה להכין אותה בוצעה. ההמשך במשימות הפתוחות למטה.
offers-ed-completes-task = שמירת הגרסה הזו תשלים את המשימה „{ $task }”.
