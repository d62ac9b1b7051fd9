# The notify area's words (he).
notify-nav = התראות
notify-title = התראות
notify-hint = מה התהליך הודיע לך: תזכורות, מועדים, העברות ומה שלקוחות שלחו. פתיחת התראה מסמנת אותה כנקראה.
notify-empty = עדיין אין כלום. תזכורות, מועדים והודעות לקוחות יופיעו כאן.
notify-read-all = סימון הכול כנקרא
notify-read-one = נקרא
notify-open = פתיחת הכרטיס
notify-unread = לא נקראה
notify-waiting = ממתין לתשובה
notify-urgent = דחוף
notify-count = { $n ->
    [one] { $n } לא נקראה
   *[other] { $n } לא נקראו
}
notify-new-lead = פנייה חדשה
notify-someone = לקוח
notify-ago-now = הרגע
notify-ago-min = לפני { $n } דק׳
notify-ago-h = לפני { $n } שע׳
notify-ago-d = { $n ->
    [one] לפני יום
   *[other] לפני { $n } ימים
}
notify-via-web = פנייה מהאתר
notify-via-email = דוא״ל
notify-via-phone = שיחת טלפון
notify-via-in_person = ביקור אישי
notify-via-api = API
notify-via-unknown = פנייה
notify-s-other = משהו קרה אצל { $who }
notify-s-nothing = התראה
notify-s-new_lead = { $who }, { $via }: להתקשר עכשיו
notify-s-new_lead_email = { $who }, { $via }: אין טלפון, לכתוב דוא״ל
notify-s-new_request = { $who }, { $via }: לאשר את ההזמנה בטלפון עכשיו
notify-s-urgent_order = הזמנה דחופה: { $who }, { $via }
notify-s-late_request = { $who }, { $via }: הגיעה ממש לפני הסגירה, לאשר עוד היום
notify-s-in_person = { $who }, { $via }: הוזן עבורך, ליצור קשר
notify-s-missed_call = שיחה שלא נענתה מ־{ $who }: להתקשר בחזרה עכשיו
notify-s-no_reaction = אף אחד לא הגיב ל־{ $who }, { $via }: לקחת את זה
notify-s-silence = { $who }, { $via }: עדיין לא אושר, להתקשר עכשיו
notify-s-reminder = עדיין ממתין לך: { $who }, { $via }
notify-s-sla_warning = המועד בסכנה: { $who }, { $via }, עדיין ללא קשר ראשון
notify-s-sla_breached = המועד הוחמץ: { $who }, { $via }, איחור של { $late } דק׳
notify-s-handover = { $who }, { $via }: שווה לעבוד על זה, לאסוף את נתוני הקלט
notify-s-handed_over = הועבר אליך: { $who }, { $via }, להתקשר תוך שעה
notify-s-urgent_callback = דחוף: להתקשר בחזרה ל־{ $who } תוך 10 דקות
notify-s-offer_ready = ההצעה עבור { $who } מוכנה להצגה
notify-s-offer_follow_up = ההצעה עבור { $who } ממתינה שלושה ימים: לעקוב
notify-s-offer_accept = { $who }: ההצעה התקבלה בדף הלקוח, הצעדים הבאים שלך
notify-s-offer_decline = { $who }: ההצעה נדחתה בדף הלקוח
notify-s-offer_changes = { $who }: מבקש/ת שינויים בהצעה, הכינו גרסה חדשה
notify-s-complaint = תלונה מ־{ $who } אחרי המסירה: ראו את משימת שיחת הבקרה
notify-s-customer_message = { $who } כתב/ה בדף שלו/ה
notify-s-customer_callback = { $who } ביקש/ה שיחזרו אליו/ה
notify-s-customer_document = { $who } שלח/ה מסמך
notify-s-email_reply = { $who } ענה/תה בדוא״ל
notify-s-mailbox_failed = תיבת דואר הפסיקה לעבוד: פניות שנשלחו אליה ממתינות
notify-s-test = הודעת בדיקה
