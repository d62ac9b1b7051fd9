# Pronto: שמות ערוצים בהתראות (עברית).

channel-web = אתר
channel-email = אימייל
channel-phone = טלפון
channel-in_person = פנים אל פנים
channel-api = API
channel-chat = צ'אט
channel-import = ייבוא

# דוחות מתוזמנים להנהלה.
report-secretary = דוח יומי: פניות ושיחות
report-sales = דוח מכירות יומי
report-monthly = סיכום חודשי
report-requests = פניות
report-new-customers = לקוחות חדשים שפנו
report-calls = שיחות
report-transfers = הועברו למנהלים
report-moved-to = הועברו לשלב { $stage }, לפי ערוץ
report-unassigned = לא שויך
report-new-customer = לקוח חדש
report-sales-stages = שלבי מכירה
report-by-channel = לפי ערוץ: פניות, נענו, זמן תגובה חציוני, תוך 5 דקות, נסגרו בהצלחה, אבדו
report-minutes = { $n } דק׳
report-origin-call-in = שיחה נכנסת
report-origin-call-out = שיחה יוצאת
report-invoices-issued = חשבוניות שהופקו
report-invoices-paid = חשבוניות ששולמו במלואן
report-invoiced = חויב
report-received = התקבל
report-outstanding = יתרה לתשלום
report-overdue = באיחור { $amount } ב-{ $n ->
    [one] חשבונית אחת
   *[other] { $n } חשבוניות
}
report-money-by-origin = כסף לפי שיחות ופניות: חשבוניות שהופקו, שולמו, חויב, התקבל, יתרה
report-money-by-channel = כסף לפי ערוץ: חשבוניות שהופקו, שולמו, חויב, התקבל, יתרה
report-money-by-representative = כסף לפי נציג: חשבוניות שהופקו, שולמו, חויב, התקבל, יתרה
report-sales-by-representative = מכירות לפי נציג: פניות, נסגרו בהצלחה, אבדו, שיחות בקרה חיוביות, שליליות, תלונות
report-complaints = תלונות
report-compared = בהשוואה לחודש הקודם (בסוגריים)
report-leads = פניות
report-won = נסגרו בהצלחה

# שמות משותפים לכל התהליכים: איך הסתיימה שיחה (כפתורי הצוות ודיווחי המרכזייה) וסוגי משימות.
outcome-reached = נוצר קשר
outcome-no_answer = אין מענה
outcome-busy = תפוס
outcome-failed = השיחה נכשלה
outcome-missed = שיחה שלא נענתה
outcome-transferred = הועבר למנהל
outcome-manager_busy = המנהל תפוס
outcome-done = בוצע
outcome-sent = נשלח ללקוח
kind-call = שיחה
kind-email = דוא״ל
kind-meeting = פגישה
kind-todo = משימה

# התראה לבעלים כשהלקוח מחליט על הצעה בדף שלו, והערה עם ההתנגדויות.
offer-alert-accept = { $who }: הצעה { $version } ({ $amount }) התקבלה בדף הלקוח. ליד { $lead } { $url }
offer-alert-decline = { $who }: הצעה { $version } ({ $amount }) נדחתה בדף הלקוח. ליד { $lead } { $url }
offer-alert-changes = { $who }: מבקש/ת שינויים בהצעה { $version } ({ $amount }). ליד { $lead } { $url }
offer-alert-someone = הלקוח
offer-objections = נסגר כאבוד: הלקוח דחה את ההצעה { $count } פעמים. התנגדויות:
offer-objection = - גרסה { $version }: { $note }
offer-no-reason = (לא צוינה סיבה)

# הלקוח הסמוי (issue 23).
canary-channel-form = טופס האתר
canary-channel-mail = קליטת הדוא״ל
canary-channel-call = מרכזיית הטלפון
canary-hop-sent = שליחת פניית הבדיקה
canary-hop-registered = הרישום
canary-hop-playbook = קליטה בתהליך
canary-hop-alert_accepted = התראת הצוות
canary-hop-closed = הסגירה
canary-alert = פניית הבדיקה של Pronto דרך { $channel } נכשלה בשלב { $hop }: { $error }. פניות בדרך זו עלולות לא להגיע. Pronto ינסה שוב ויודיע כשזה יעבוד.
canary-recovered = פניית הבדיקה של Pronto דרך { $channel } עובדת שוב.
