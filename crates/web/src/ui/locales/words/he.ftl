# מילים של תחום words (he): ערכים בשמם ומשפטי ציר הזמן.

words-channel-web = טופס באתר
words-channel-email = דוא״ל
words-channel-phone = טלפון
words-channel-in_person = פנים אל פנים
words-channel-api = API
words-channel-chat = צ׳אט
words-channel-import = ייבוא

words-status-open = פתוחה
words-status-won = נסגרה בהצלחה
words-status-lost = אבדה
words-status-junk = זבל

words-task-status-open = פתוחה
words-task-status-done = בוצעה
words-task-status-cancelled = בוטלה

words-role-admin = מנהל מערכת
words-role-manager = מנהל
words-role-consultant = יועץ
words-role-specialist = מומחה
words-role-coordinator = רכז
words-role-secretary = מזכירה

words-presence-available = זמין
words-presence-meeting = בפגישה
words-presence-away = לא נמצא

words-direction-in = נכנסת
words-direction-out = יוצאת

words-priority-low = נמוכה
words-priority-normal = רגילה
words-priority-high = גבוהה
words-priority-urgent = דחופה

words-outcome-reached = נוצר קשר
words-outcome-no_answer = אין מענה
words-outcome-busy = תפוס
words-outcome-failed = השיחה נכשלה
words-outcome-missed = שיחה שלא נענתה
words-outcome-transferred = הועבר למנהל
words-outcome-manager_busy = המנהל תפוס
words-outcome-done = בוצע

words-kind-call = שיחה
words-kind-email = דוא״ל
words-kind-meeting = פגישה
words-kind-todo = משימה

words-activity-call = שיחה
words-activity-email = דוא״ל
words-activity-sms = SMS
words-activity-meeting = פגישה
words-activity-note = הערה
words-activity-message = הודעה מהלקוח
words-activity-callback = בקשה לחזור ללקוח
words-activity-document = מסמך

words-call-ringing = מצלצל
words-call-answered = נענתה
words-call-missed = לא נענתה
words-call-ended = הסתיימה
words-call-transferred = הועברה
words-call-returned = חזרה מהעברה
words-call-busy = תפוס
words-call-failed = נכשלה

words-notify-sms = SMS
words-notify-email = דוא״ל
words-notify-in_app = באפליקציה
words-notify-webhook = webhook

words-language-en = אנגלית
words-language-cs = צ׳כית
words-language-ru = רוסית
words-language-pl = פולנית
words-language-he = עברית

words-field-subject = נושא
words-field-message = הודעה
words-field-product = מוצר
words-field-source = מקור
words-field-postal_code = מיקוד
words-field-customer_type = סוג לקוח
words-field-language = שפה
words-field-value = ערך

words-seconds = { $s } שנ׳
words-minutes = { $m } דק׳
words-minutes-seconds = { $m } דק׳ { $s } שנ׳

words-who-system = Pronto
words-someone = מישהו
words-nobody = אף אחד
words-the-customer = הלקוח
words-to-the-customer = הלקוח
words-another-contact = איש קשר אחר
words-a-task = משימה
words-open-tasks = המשימות הפתוחות
words-later = מאוחר יותר

words-by = { $what } ({ $who }).
words-ev-unknown = { $who }: { $what }.
words-ev-lead-received = { $who }: פנייה חדשה – { $channel }.
words-ev-lead-assigned = { $who }: הפנייה הועברה אל { $owner }.
words-ev-lead-unassigned = { $who }: לפנייה אין עוד אחראי.
words-ev-lead-first-response = הלקוח קיבל תגובה ראשונה.
words-ev-lead-stage-changed = { $who }: הפנייה הועברה לשלב „{ $to }“.
words-ev-lead-status-changed = { $who }: מצב הפנייה – „{ $to }“.
words-ev-lead-updated = { $who }: שינויים בפנייה – { $fields }.
words-ev-tracking-revoked = { $who }: קישור חדש לדף הלקוח; הקישור הישן כבר לא עובד.
words-ev-activity-logged = { $who }: נרשם – { $what }.
words-ev-activity-logged-detail = { $who }: { $what } – { $detail }.
words-ev-task-created = { $who }: משימה חדשה „{ $task }“ עבור { $assignee }, עד { $at }.
words-ev-task-created-queue = { $who }: משימה חדשה „{ $task }“, עד { $at }.
words-ev-task-rescheduled = { $who }: המשימה „{ $task }“ נדחתה ל־{ $at }.
words-ev-task-completed = { $who }: המשימה „{ $task }“ בוצעה – { $outcome }.
words-ev-task-cancelled = { $who }: „{ $task }“ נסגרה, אין בה עוד צורך.
words-ev-task-reassigned = { $who }: המשימה „{ $task }“ הועברה אל { $to }.
words-ev-task-retry = { $who }: ניסיון { $attempt } – „{ $task }“.
words-ev-task-retry-scheduled = { $who }: נקבע ניסיון { $attempt } – „{ $task }“. הניסיון הבא ב־{ $at }.
words-ev-task-retries-exhausted = „{ $task }“: כל הניסיונות ({ $n }) נוצלו.
words-ev-playbook-rule = { $who }: הופעל כלל התהליך „{ $rule }“.
words-ev-playbook-loop = { $who }: נעצרו כללים שהפעילו זה את זה.
words-ev-playbook-loaded = { $who }: נטענה גרסה { $version } של התהליך „{ $name }“.
words-ev-sla-started = זמן התגובה „{ $sla }“ התחיל: עד { $at }.
words-ev-sla-warning = זמן התגובה „{ $sla }“ עומד להסתיים ב־{ $at }.
words-ev-sla-warning-soon = זמן התגובה „{ $sla }“ עומד להסתיים.
words-ev-sla-breached = זמן התגובה „{ $sla }“ הוחמץ.
words-ev-sla-met = זמן התגובה „{ $sla }“ נשמר.
words-ev-escalation-step = { $who }: התראה אל { $to } ({ $channel }), שלב הסלמה { $step }.
words-ev-escalation-skipped = { $who }: שלב הסלמה { $step } דולג, אין את מי להתריע.
words-ev-escalation-stopped = ההסלמה הופסקה.
words-ev-assignment-failed = { $who }: אין מי שפנוי לקחת את הפנייה.
words-ev-timer-fired = זמן ההמתנה הסתיים ({ $at }).
words-ev-notification-queued = { $who }: התראה אל { $to } בתור לשליחה ({ $channel }).
words-ev-notification-skipped = התראה לא נשלחה: אין למי.
words-ev-notification-held = התראה אל { $to } ממתינה: לא בעבודה.
words-ev-notification-redirected = התראה אל { $to } הועברה לממלא המקום.
words-ev-notification-deferred = התראה אל { $to } ממתינה עד { $at }.
words-ev-notification-sent = התראה אל { $to } נשלחה ({ $channel }).
words-ev-notification-delivered = התראה אל { $to } נמסרה ({ $channel }).
words-ev-notification-retrying = שליחת התראה אל { $to } נכשלה ({ $channel }); ניסיון נוסף ב־{ $at }.
words-ev-notification-failed = שליחת התראה אל { $to } נכשלה ({ $channel }).
words-ev-notification-requeued = { $who }: ההתראה נשלחה שוב ({ $channel }).
words-ev-notification-test = { $who }: הודעת ניסיון ({ $channel }).
words-ev-contact-possible-duplicate = ייתכן שאיש הקשר הזה הוא אותו אדם כמו { $other }.
words-ev-contact-merged = { $who }: איש הקשר { $other } אוחד עם { $contact }.
words-ev-contact-unmerged = { $who } ביטל/ה את המיזוג: { $other } שוב נפרד/ת מ־{ $contact }.
words-ev-contact-updated = { $who }: נוסף לאיש הקשר המספר { $phone }.
words-ev-customer-callback = הלקוח מבקש שיחזרו אליו ב־{ $at }.
words-ev-customer-document = הלקוח שלח מסמך: { $file }.
words-ev-email-received = הגיע דוא״ל מ־{ $from }: „{ $subject }“.
words-ev-email-ignored = דוא״ל מ־{ $from } לא תויק.
words-ev-email-sent = { $who }: דוא״ל אל { $to } – „{ $subject }“.
words-ev-email-queued = { $who }: דוא״ל אל { $to } ממתין לשליחה: „{ $subject }”.
words-ev-customer-answered = { $who }: מה שהלקוח שלח סומן כנענה.
words-ev-mailbox-reset = תיבת הדואר { $mailbox } נקראת מחדש מההתחלה.
words-ev-mailbox-failed = אי אפשר לקרוא את תיבת הדואר { $mailbox }.
words-ev-mailbox-recovered = תיבת הדואר { $mailbox } עובדת שוב.
words-ev-call-event = מרכזייה: { $what }.
words-ev-call-event-long = מרכזייה: { $what }, { $duration }.
words-ev-report-sent = { $who }: הדוח נשלח (נמענים: { $n }).
words-ev-user-created = { $who }: משתמש חדש { $user } – { $role }.
words-ev-user-presence = { $who }: { $user } – „{ $presence }“.
words-ev-user-updated = { $who }: שינוי הגדרות – { $user }.
words-ev-user-role-changed = { $who }: התפקיד של { $user } – { $role }.
words-ev-user-deactivated = { $who }: החשבון של { $user } הושבת.
words-ev-user-reactivated = { $who }: החשבון של { $user } הופעל מחדש.
words-ev-user-password-changed = { $user }: הסיסמה שונתה.
words-ev-user-password-reset = { $who }: הסיסמה של { $user } אופסה.
words-ev-session-started = { $user }: כניסה למערכת.
words-ev-token-created = { $who }: מפתח גישה חדש „{ $name }“.
words-ev-token-revoked = { $who }: מפתח גישה בוטל.
words-ev-webhook-created = { $who }: נוסף webhook.
words-ev-webhook-deleted = { $who }: הוסר webhook.
words-ev-message-changed = { $who }: נוסח הודעה שונה ({ $language }).
words-ev-message-reset = { $who }: נוסח הודעה שוחזר ({ $language }).

words-script = תסריט שיחה
