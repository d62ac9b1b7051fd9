# Pronto's web UI: Hebrew.
app-name = Pronto
nav-inbox = תיבת פניות
nav-tasks = המשימות שלי
nav-logout = התנתקות
language = שפה
sign-in = כניסה
sign-in-title = כניסה ל־Pronto
login = שם משתמש
password = סיסמה
wrong-login = שם משתמש או סיסמה שגויים.
too-many-attempts = יותר מדי ניסיונות. יש להמתין דקה ולנסות שוב.
inbox = תיבת פניות
inbox-hint = פניות חדשות ופניות ללא שיוך מופיעות ראשונות; הרשימה מתעדכנת מעצמה כשמגיעה פנייה.
search = חיפוש
search-placeholder = שם, טלפון, אימייל, חברה, טקסט
filter = סינון
all-channels = כל הערוצים
all-stages = כל השלבים
any-owner = כולם
unassigned = ללא שיוך
mine = שלי
age = זמן המתנה
received = התקבלה
channel = ערוץ
stage = שלב
owner = אחראי
contact = איש קשר
subject = נושא
no-leads = אין פניות מתאימות.
new-lead-arrived = פנייה חדשה
tasks = המשימות שלי
overdue = באיחור
due-now = עכשיו
today = היום
later = בהמשך
no-tasks = אין משימות. כל הכבוד.
due = מועד
script = תסריט
outcome-reached = נוצר קשר
outcome-no_answer = אין מענה
outcome-busy = תפוס
outcome-failed = נכשל
outcome-done = בוצע
complete = סיום
lead = פנייה
lead-card = פנייה { $v }
timeline = היסטוריה
earlier-inquiries = פניות קודמות
company = חברה
phone = טלפון
email = אימייל
message = הודעה
log-call = תיעוד שיחה
direction-in = נכנסת
direction-out = יוצאת
add-note = הוספת הערה
note = הערה
send-email = שליחת אימייל
email-text = תוכן
send = שליחה
assign = שיוך
change-stage = שינוי שלב
save = שמירה
open-tasks = משימות פתוחות
emails = אימיילים
status = סטטוס
call = חיוג
overdue-count = { $n ->
    [one] { $n } משימה באיחור
    [two] { $n } משימות באיחור
   *[other] { $n } משימות באיחור
}
minutes-left = { $n ->
    [one] נותרה { $n } דקה
    [two] נותרו { $n } דקות
   *[other] נותרו { $n } דקות
}
saved = נשמר.
not-found = לא נמצא.
forbidden = אין לך הרשאה לפעולה זו.
error = משהו השתבש.
nav-board = לוח
nav-contacts = אנשי קשר
more-leads = { $n ->
    [one] ועוד { $n }
    [two] ועוד { $n }
   *[other] ועוד { $n }
}
contacts = אנשי קשר
companies = חברות
merge = מיזוג
merge-into = מיזוג אל
merge-hint = שתי רשומות של אותו אדם: בחרו איזו להשאיר; הפניות, המספרים והאימיילים של השנייה יעברו אליה.
leads-count = { $n ->
    [one] פנייה { $n }
    [two] { $n } פניות
   *[other] { $n } פניות
}
merged = מוזג.
nav-admin = ניהול
users = משתמשים
name = שם
role = תפקיד
presence = נוכחות
hours = שעות עבודה אישיות
add-user = הוספת משתמש
web-forms = טפסי אתר
delivery = שליחה
telephony = מרכזייה
send-test-sms = שליחת SMS לבדיקה אל
send-test-email = שליחת אימייל לבדיקה אל
mailboxes = תיבות דואר
test-connection = בדיקת חיבור
playbooks = נהלים
diagram = תרשים
playbook-toml = נוהל (TOML) לבדיקה או להעלאה
check = בדיקה
upload = העלאה כגרסה חדשה
webhooks = Webhooks
delete = מחיקה
events = אירועים
any-age = כל הזמנים
age-1h = השעה האחרונה
age-24h = 24 השעות האחרונות
age-7d = 7 הימים האחרונים
callback-at = לחזור בשעה
create-task = יצירת משימה
account = החשבון שלך
change-password = שינוי סיסמה
current-password = הסיסמה הנוכחית
new-password = סיסמה חדשה
wrong-password = הסיסמה הנוכחית שגויה.
password-changed = הסיסמה שונתה; שאר החיבורים הסתיימו.
send-test-event = שליחת אירוע בדיקה חתום
# דוחות
nav-reports = דוחות
reports = דוחות
rep-from = מתאריך
rep-to = עד תאריך
rep-group-by = קיבוץ לפי
rep-playbook = נוהל
rep-time = זמן התגובה נמדד ב
rep-time-wall = זמן שעון
rep-time-business = שעות עבודה
rep-show = הצגה
rep-presets = תקופות
rep-this-week = השבוע
rep-last-30-days = 30 הימים האחרונים
rep-this-year = השנה
rep-bad-query = אי אפשר להציג את הדוח:
rep-dim-channel = ערוץ
rep-dim-owner = אחראי
rep-dim-source = מקור
rep-dim-segment = פלח (B2B/B2C)
rep-dim-hour = שעה ביום
rep-dim-weekday = יום בשבוע
rep-dim-playbook = נוהל
rep-dim-all = הכול
rep-channel-web = אתר
rep-channel-email = דוא״ל
rep-channel-phone = טלפון
rep-channel-in_person = פנים אל פנים
rep-channel-api = API
rep-weekday-1 = יום שני
rep-weekday-2 = יום שלישי
rep-weekday-3 = יום רביעי
rep-weekday-4 = יום חמישי
rep-weekday-5 = יום שישי
rep-weekday-6 = שבת
rep-weekday-7 = יום ראשון
rep-no-source = ללא מקור
rep-segment-unknown = לא ידוע
rep-unit-s = שנ׳
rep-unit-min = דק׳
rep-unit-h = שע׳
rep-unit-d = ימים
rep-total = סך הכול
rep-no-data = אין פניות בתקופה זו.
rep-download = הורדה:
rep-response = זמן תגובה
rep-chart-distribution = פניות שנענו לפי זמן התגובה
rep-chart-median = זמן תגובה חציוני
rep-leads = פניות
rep-responded = נענו
rep-median = חציון
rep-p90 = אחוזון 90
rep-within-5-min = תוך 5 דק׳
rep-within-1-hour = תוך שעה
rep-within-24-hours = תוך 24 שעות
rep-never = אף פעם
rep-exact = האחוזונים מדויקים, מחושבים מכל הפניות.
rep-interpolated = האחוזונים משוערים בתוך טווחי זמן התגובה (בקירוב).
rep-funnel = משפך
rep-chart-funnel = פניות שהגיעו לכל שלב
rep-chart-attempts = ניסיונות חיוג לכל פנייה
rep-reached = הגיעו
rep-share = שיעור
rep-mean-in-stage = זמן ממוצע בשלב
rep-won = נסגרו בהצלחה
rep-lost = אבדו
rep-open = פתוחות
rep-conversion = המרה
rep-calls = { $n ->
    [one] שיחה אחת
    [two] שתי שיחות
   *[other] { $n } שיחות
}
rep-calls-more = 4 שיחות ומעלה
rep-attempts-most = רוב הפניות: { $v }
rep-trend = שבוע אחר שבוע
rep-chart-trend-leads = פניות בשבוע
rep-chart-trend-median = זמן תגובה חציוני בשבוע
rep-trend-note = השבועות מתחילים ביום שני; החציון משוער בתוך טווחי זמן התגובה.
rep-week = שבוע
rep-sla = עמידה ב-SLA
rep-chart-sla = עמידה לפי SLA
rep-sla-name = SLA
rep-met = עמדו
rep-breached = הופרו
rep-compliance = עמידה
rep-at-risk = בסיכון כעת
rep-breach-at = מועד ההפרה
rep-none-at-risk = אין כעת פניות בסיכון.
rep-feedback = משוב לקוחות
rep-chart-complaints = פניות עם תלונות לפי אחראי
rep-quality-positive = שיחת בקרה חיובית
rep-quality-negative = שיחת בקרה שלילית
rep-complaints = תלונות
rep-leads-with-complaints = פניות עם תלונות
rep-drill-title = הפניות שמאחורי המספר
rep-leads-shown = { $n ->
    [one] פנייה אחת
   *[other] { $n } פניות
}
rep-response-time = זמן תגובה
rep-not-answered = לא נענתה
rep-next-page = העמוד הבא
rep-back = חזרה לדוחות
rep-status-open = פתוחה
rep-status-won = נסגרה בהצלחה
rep-status-lost = אבדה
rep-figure-leads = כל הפניות
rep-figure-responded = פניות שנענו
rep-figure-never = פניות שלא נענו
rep-figure-within_5_min = נענו תוך 5 דקות
rep-figure-within_1_hour = נענו תוך שעה
rep-figure-within_24_hours = נענו תוך 24 שעות
rep-figure-won = נסגרו בהצלחה
rep-figure-lost = אבדו
rep-figure-open = עדיין פתוחות
rep-figure-complaints = פניות עם תלונות
rep-figure-quality_positive = שיחת בקרה חיובית
rep-figure-quality_negative = שיחת בקרה שלילית
rep-figure-bucket = נענו תוך { $v }
rep-figure-reached = הגיעו לשלב { $v }
rep-figure-attempts = ניסיונות חיוג: { $v }
