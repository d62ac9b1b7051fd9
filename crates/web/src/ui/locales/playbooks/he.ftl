# The playbooks area's words (he): see crates/web/src/ui/i18n.rs.
playbooks-title = ספרי תהליך
playbooks-hint = כל ספר תהליך הוא תהליך העבודה של החברה. פניות חדשות מתחילות בגרסה הפעילה; פניות בטיפול שומרות את הגרסה שבה התחילו.
playbooks-default = ברירת מחדל
playbooks-version = גרסה
playbooks-loaded-when = נטען
playbooks-loaded-by = על ידי
playbooks-running = פעילה
playbooks-edit = עריכה
playbooks-open = פתיחה
playbooks-by-pronto = Pronto (בהפעלה)
playbooks-valid = אין בעיות: אפשר לטעון את הטקסט.
playbooks-problems = { $n ->
    [one] בעיה אחת: יש לתקן אותה לפני הטעינה.
   *[other] { $n } בעיות: יש לתקן אותן לפני הטעינה.
}
playbooks-loaded = גרסה { $v } פעילה עכשיו; פניות חדשות מתחילות בה.
playbooks-went-back = חזרה לגרסה { $v }: הטקסט שלה פעיל עכשיו כגרסה { $n }.
playbooks-not-loaded = לא נטען: בטקסט יש בעיות (מסומנות בשורות). הטקסט שלך נשמר.
playbooks-no-such-version = לספר התהליך הזה אין גרסה { $v }.
playbooks-editing-running = הטקסט של גרסה { $v }, הפעילה.
playbooks-editing-old = הטקסט של הגרסה הישנה { $v } (גרסה { $n } פעילה).
playbooks-line = שורה
playbooks-text = הטקסט של ספר התהליך (TOML)
playbooks-load = טעינה כגרסה הבאה
playbooks-diagram = תרשים
playbooks-changes = שינויים לעומת הגרסה הפעילה { $v }
playbooks-no-changes = אין שינויים.
playbooks-versions = גרסאות
playbooks-go-back = חזרה לגרסה הזו
