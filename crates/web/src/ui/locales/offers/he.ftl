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

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = הורדת ההצעה (PDF)
offers-card-pdf = PDF
