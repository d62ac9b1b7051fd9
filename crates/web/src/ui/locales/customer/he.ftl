# Pronto: הדף של הלקוח (/t/…) והתהליך שפורסם (/process/…), עברית.
# וגם המילים המעטות שמסכי הצוות צריכים לגביו. המפתחות מתחילים ב-`c-`.

c-page-title = הפנייה שלך
c-hello = שלום { $name },
c-hello-anon = שלום,
c-intro = בדף הזה אפשר לראות איך הפנייה שלך מתקדמת: שלבי התהליך שלנו, איפה היא נמצאת עכשיו ומה השלב הבא.
c-received = התקבלה { $when }
c-language = שפה

# מי מטפל בלקוח.
c-who = מי מטפל בפנייתך: { $name }, { $role }
c-who-role = מי מטפל בפנייתך: { $role }

# האם הטיפול עומד בזמן הרגיל שלנו.
c-on-time = הפנייה שלך מתקדמת בזמן.
c-late = השלב הזה נמשך יותר מהזמן הרגיל שלנו. אנחנו מטפלים בזה; אפשר גם לכתוב לנו כאן למטה.
c-closed-won = הסתיים: תודה על האמון.
c-closed-lost = הפנייה הזו נסגרה.
c-next = השלב הבא: { $step }
c-next-within = הזמן הרגיל שלנו: { $duration }
c-next-by = צפוי עד { $when }
c-next-depends = השלב הבא יתחיל כשנשמע ממך.

# השלבים.
c-steps = השלבים
c-step-done = הושלם
c-step-current = השלב הנוכחי
c-step-ahead = בהמשך
c-generic-received = התקבלה
c-generic-received-desc = הפנייה שלך אצלנו, ואדם מהצוות מטפל בה.
c-generic-in_progress = בטיפול
c-generic-in_progress-desc = אנחנו עובדים על הפנייה שלך.
c-generic-done = הושלמה
c-generic-done-desc = הטיפול בפנייה שלך הושלם.
c-generic-closed = נסגרה
c-generic-closed-desc = הפנייה הזו נסגרה.

# זמנים רגילים.
c-within-minutes = { $n ->
    [one] תוך דקה אחת
    [two] תוך שתי דקות
   *[other] תוך { $n } דקות
}
c-within-working-minutes = { $n ->
    [one] תוך דקת עבודה אחת
    [two] תוך שתי דקות עבודה
   *[other] תוך { $n } דקות עבודה
}
c-within-hours = { $n ->
    [one] תוך שעה אחת
    [two] תוך שעתיים
   *[other] תוך { $n } שעות
}
c-within-working-hours = { $n ->
    [one] תוך שעת עבודה אחת
    [two] תוך שתי שעות עבודה
   *[other] תוך { $n } שעות עבודה
}
c-within-days = { $n ->
    [one] תוך יום אחד
    [two] תוך יומיים
   *[other] תוך { $n } ימים
}
c-within-working-days = { $n ->
    [one] תוך יום עבודה אחד
    [two] תוך שני ימי עבודה
   *[other] תוך { $n } ימי עבודה
}

# התפקידים, כפי שהלקוח קורא אותם (בלי ה' הידיעה: המשפטים למטה משתמשים בהם לבד).
c-role-admin = מנהל מערכת
c-role-manager = מנהל מכירות
c-role-consultant = יועץ
c-role-specialist = מומחה
c-role-coordinator = רכז
c-role-secretary = מזכירות

# מה קרה, במילים של הלקוח. `$role` הוא כבר מילה מהרשימה למעלה.
c-history = מה קרה עד כה
c-history-empty = עדיין כלום.
c-h-received = קיבלנו את הפנייה שלך ({ $channel })
c-h-assigned = איש צוות שלנו לקח את הפנייה שלך לטיפול
c-h-step = הגענו לשלב: { $step }
c-h-called = התקשרנו אליך ({ $role })
c-h-called-anon = התקשרנו אליך
c-h-tried = ניסינו להתקשר אליך ({ $role })
c-h-tried-anon = ניסינו להתקשר אליך
c-h-you-called = התקשרת אלינו
c-h-emailed = שלחנו לך אימייל ({ $role })
c-h-emailed-anon = שלחנו לך אימייל
c-h-you-emailed = שלחת לנו אימייל
c-h-texted = שלחנו לך הודעת SMS
c-h-met = נפגשת איתנו ({ $role })
c-h-met-anon = נפגשת איתנו
c-h-you-wrote = כתבת:
c-h-you-asked-callback = ביקשת שנחזור אליך { $when }
c-h-you-sent = שלחת את המסמך { $name }

# ערוצים.
c-channel-web = טופס באתר
c-channel-email = אימייל
c-channel-phone = טלפון
c-channel-in_person = פגישה אישית
c-channel-api = אונליין

# ימים וחודשים, עבור "יום ג׳, 24 נוב׳ 10:02".
c-day-1 = יום ב׳
c-day-2 = יום ג׳
c-day-3 = יום ד׳
c-day-4 = יום ה׳
c-day-5 = יום ו׳
c-day-6 = שבת
c-day-7 = יום א׳
c-month-1 = ינו׳
c-month-2 = פבר׳
c-month-3 = מרץ
c-month-4 = אפר׳
c-month-5 = מאי
c-month-6 = יוני
c-month-7 = יולי
c-month-8 = אוג׳
c-month-9 = ספט׳
c-month-10 = אוק׳
c-month-11 = נוב׳
c-month-12 = דצמ׳
c-datetime = { $day }, { $d } { $month } { $time }

# מה הלקוח יכול לעשות.
c-write = כתבו לנו
c-message-label = ההודעה שלך
c-message-send = שליחת ההודעה
c-callback = בקשה לשיחה חוזרת
c-callback-when = מתי
c-callback-note = הערה (לא חובה)
c-callback-send = שליחת הבקשה לשיחה
c-upload = שליחת מסמך
c-upload-help = למשל פרטי החברה שלך או הנתונים הדרושים למשלוח. PDF, תמונה, Word, Excel, OpenDocument או טקסט, עד { $mb } MB. המסמכים נשמרים מוצפנים.
c-upload-file = מסמך
c-upload-send = שליחת המסמך
c-sent-message = תודה: ההודעה שלך הועברה.
c-sent-callback = תודה: נחזור אליך בזמן שביקשת.
c-sent-document = תודה: המסמך שלך התקבל.
c-error-message = נא לכתוב הודעה (עד { $n } תווים).
c-error-callback-time = נא לבחור מועד עתידי, במהלך 30 הימים הקרובים.
c-error-file-missing = נא לבחור קובץ.
c-error-file-size = הקובץ גדול מדי: עד { $mb } MB.
c-error-file-type = סוג הקובץ הזה אינו מתקבל: נא לשלוח PDF, תמונה, Word, Excel, OpenDocument או קובץ טקסט.
c-error-too-many = יותר מדי בקשות; נא לנסות שוב בעוד דקה.
c-private = הדף הזה פרטי: כל מי שיש לו את הקישור יכול לראות אותו, ולכן נא לא לשתף את הקישור.

# התהליך שפורסם.
c-process-title = למה אפשר לצפות מאיתנו
c-process-intro = כל פנייה עוברת את השלבים האלה. הזמנים הם הסטנדרטים שלנו; זמן עבודה הוא ימים שני עד שישי בשעות הפעילות של המשרד.
c-process-who = מי: { $role }
c-process-then = לאחר מכן: { $duration }

# דף שלא קיים (קישור שגוי, שהוחלף או שפג תוקפו).
c-not-found-title = הדף הזה לא קיים
c-not-found-text = הקישור אינו תקף: ייתכן שפג תוקפו או שהוחלף. צרו איתנו קשר ונשלח קישור חדש.

# מסכי הצוות.
c-team-page = הדף של הלקוח
c-team-page-help = כאן הלקוח עוקב אחר הפנייה שלו. אם הקישור הגיע לאדם הלא נכון, יש לבטל אותו: ייווצר קישור חדש והישן יפסיק לעבוד.
c-team-revoke = ביטול הקישור
c-team-documents = מסמכים מהלקוח
