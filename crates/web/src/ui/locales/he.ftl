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
