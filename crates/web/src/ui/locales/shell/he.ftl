# The shell area's words (he): the frame of every page, error pages.
shell-skip = דילוג לתוכן
shell-tabs = קיצורי דרך
shell-tab-tasks = משימות
shell-tab-new = חדשה
shell-more = עוד
shell-cross-site = השינוי הזה נשלח מאתר אחר, ולכן נדחה ושום דבר לא השתנה. אם זה נעשה על ידיכם, פתחו את הדף ב-Pronto ונסו שוב.
shell-bad-request = לא ניתן לקרוא את הכתובת או הטופס, ולכן שום דבר לא השתנה. חזרו, רעננו את הדף ונסו שוב.
shell-admin-menu = בדף זה
# A file picker in the reader's language (not the browser's).
shell-file-choose = בחירת קובץ
shell-file-none = עדיין לא נבחר קובץ
