# The reports area's words (he).
reports-today = היום
reports-this-week = השבוע
reports-this-month = החודש
reports-last-month = החודש שעבר
reports-lead-n = פנייה { $v }
reports-when = מתי
reports-due-at = יעד { $v }
reports-breached-at = הופר { $v }
reports-sort-hint = לחצו על כותרת עמודה כדי למיין לפיה.
# offers
reports-offers = הצעות מחיר
reports-offers-leads-sent = פניות עם הצעה
reports-offers-made = הצעות שהוכנו
reports-offers-sent = נשלחו
reports-offers-accepted = התקבלו
reports-offers-declined = נדחו
reports-offers-changes = התבקשו שינויים
reports-offers-acceptance = התקבלו מתוך שהוחלטו
reports-offers-money = ערך שהוצע ושנזכה בו (ברוטו)
reports-offers-offered-in = הוצע { $v }
reports-offers-won-in = נזכה { $v }
reports-offers-times = זמן עד ההצעה ועד ההחלטה
reports-offers-to-offer-median = פנייה ← הצעה שנשלחה, חציון
reports-offers-to-offer-p90 = פנייה ← הצעה שנשלחה, 90%
reports-offers-to-decision-median = הצעה ← החלטה, חציון
reports-offers-to-decision-p90 = הצעה ← החלטה, 90%
reports-offers-chart-accepted = הצעות שהתקבלו
reports-offers-note = הערך שהוצע סופר לכל פנייה את ההצעה האחרונה שנשלחה (הצעה ששונתה מחליפה את הקודמת), הערך שנזכה בו — את ההצעות שהתקבלו; ברוטו, לפי מטבע, ללא המרה.
reports-offers-funnel-offered = הוצע (ברוטו)
reports-offers-funnel-won = נזכה (ברוטו)

# כסף ודוח מכירות (issue 21).
reports-money = כסף: חויב, שולם, יתרה לתשלום
reports-money-chart = חשבוניות שהופקו
reports-money-issued = חשבוניות שהופקו
reports-money-paid = שולמו במלואן
reports-money-invoiced = חויב
reports-money-received = התקבל
reports-money-outstanding = יתרה לתשלום
reports-money-overdue = באיחור
reports-money-overdue-invoices = חשבוניות באיחור
reports-money-none = בתקופה זו לא הופקו, לא שולמו ולא נותרו חשבוניות פתוחות.
reports-money-note = חויב: החשבוניות שהופקו בתקופה. התקבל: התשלומים שנרשמו בתקופה, על כל חשבונית. יתרה ובאיחור: מה שנותר לתשלום בסוף התקופה. כל מטבע מוצג בנפרד, ללא המרה.
reports-sales = דוח מכירות: ערוץ, נציג, משוב לקוחות
reports-sales-by-channel = לפי ערוץ
reports-sales-by-owner = לפי נציג
reports-sales-compare = תקופה זו והתקופה הקודמת
reports-sales-this-period = תקופה זו
reports-sales-period-before = התקופה הקודמת
reports-sales-note = הפניות ותוצאותיהן נספרות מהפניות שהתקבלו בתקופה; תשובות שיחות הבקרה שלהן. התלונות הן אלה שנרשמו בתקופה: המספר פותח אותן בדף התלונות.
reports-sales-complaints = { $n ->
    [one] תלונה אחת בתקופה זו: לחצו על המספר כדי לפתוח אותה.
   *[other] { $n } תלונות בתקופה זו: לחצו על מספר כדי לפתוח אותן.
}
reports-sales-satisfied = מרוצים
reports-sales-dissatisfied = לא מרוצים
