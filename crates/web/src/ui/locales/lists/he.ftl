# The lists area's words (he).
lists-late-nav = באיחור עכשיו
lists-leads = כל הפניות
lists-all-leads = כל הפניות, גם הסגורות
lists-leads-hint = כל פנייה, פתוחה וסגורה; סננו, מיינו לפי כל עמודה, ופעלו על כמה בבת אחת.
lists-any-status = כל סטטוס
lists-status-open = פתוחה
lists-status-won = נסגרה בהצלחה
lists-status-lost = אבדה
lists-status-junk = זבל
lists-select-page = בחירת הכול בעמוד זה
lists-pages = עמודים
lists-prev = הקודם →
lists-next = ← הבא
lists-range = { $first }–{ $last } מתוך { $total }
lists-range-none = אף אחת מתוך { $total }
lists-bulk = עם הנבחרות
lists-bulk-selected = עם הנבחרות:
lists-bulk-assign = הקצאה
lists-bulk-move = העברה
lists-bulk-close = סגירה
lists-inquiries = { $n ->
    [one] פנייה אחת
    [two] שתי פניות
   *[other] { $n } פניות
}
lists-bulk-assign-q = להקצות { $leads } ל{ $to }?
lists-bulk-stage-q = להעביר { $leads } לשלב „{ $to }”?
lists-bulk-close-q = לסגור { $leads } כ„{ $to }”?
lists-bulk-assign-yes = כן, להקצות
lists-bulk-stage-yes = כן, להעביר
lists-bulk-close-yes = כן, לסגור
lists-bulk-assign-done = הוקצו: { $n }
lists-bulk-stage-done = הועברו: { $n }
lists-bulk-close-done = נסגרו: { $n }
lists-bulk-refused = נדחו: { $n }
lists-bulk-refused-list = לא שונו
lists-back-to-list = חזרה לרשימה
lists-cancel = ביטול
lists-bulk-none = סמנו קודם לפחות פנייה אחת.
lists-bulk-too-many = לכל היותר 500 פניות בבת אחת.
lists-bulk-no-action = בחרו מה לעשות בהן.
lists-merge-col = אותו אדם?
lists-merge-hint = אותו אדם הוזן פעמיים? לחצו „מיזוג…” באחת הרשומות, מצאו את השנייה, השוו ובחרו איזו נשארת. אפשר לבטל מיזוג במשך יממה.
lists-merge-start = מיזוג…
lists-company-id = מספר חברה
lists-merge-title = מיזוג אנשי קשר
lists-merge-compare-hint = שתי הרשומות זו לצד זו. זו שתשאירו נשארת; הפניות, הטלפונים והמיילים של השנייה עוברים אליה.
lists-merge-keep = להשאיר את זו
lists-merge-what = שום דבר לא אובד: הרשומה השנייה נשמרת, ואפשר לבטל את המיזוג במשך 24 שעות.
lists-merge-confirm = למזג
lists-merge-other = לבחור אחרת
lists-merge-find = איזו רשומה היא גם { $name }? חפשו לפי שם, טלפון או מייל.
lists-merge-none = אין איש קשר אחר מתאים.
lists-merge-compare = השוואה
lists-merged-title = מוזגו
lists-merged = { $merged } מוזג אל { $kept }:
lists-unmerged-title = המיזוג בוטל
lists-unmerged = { $kept } ו{ $merged } שוב שני אנשי קשר, כל אחד עם הפניות, הטלפונים והמיילים שלו.
lists-undo = ביטול
lists-undo-until = אפשר לבטל עד { $until }, כל עוד אף אחד מאנשי הקשר לא השתנה.
lists-back-to-contacts = חזרה לאנשי הקשר
lists-moved-leads = { $n ->
    [one] הועברה פנייה אחת
    [two] הועברו שתי פניות
   *[other] הועברו { $n } פניות
}
lists-moved-activities = { $n ->
    [one] פעילות אחת
    [two] שתי פעילויות
   *[other] { $n } פעילויות
}
lists-moved-identities = { $n ->
    [one] טלפון או מייל אחד
    [two] שני טלפונים ומיילים
   *[other] { $n } טלפונים ומיילים
}
lists-late-title = מה באיחור עכשיו
lists-late-hint-all = משימות שעבר זמנן ויעדי שירות שהופרו או בסיכון של כולם, המאוחרים ביותר קודם.
lists-late-hint-mine = המשימות והיעדים שלכם שעבר זמנם, וגם אלה שאין להם אחראי, המאוחרים ביותר קודם.
lists-late-none = שום דבר לא באיחור. כל הכבוד.
lists-late-what = מה
lists-late-holder = אצל מי
lists-late-how = כמה באיחור
lists-late-kind-task = משימה
lists-late-kind-breached = הופר
lists-late-kind-at-risk = בסיכון
lists-late-task = { $title }
lists-late-breached = { $title }
lists-late-at-risk = { $title }
lists-late-by = באיחור של { $time }
lists-late-due-in = בעוד { $time }
