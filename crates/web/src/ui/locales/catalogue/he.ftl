# The catalogue area's words (he).
catalogue-nav = קטלוג
catalogue-title = קטלוג
catalogue-add = הוספת מוצר
catalogue-new = מוצר או שירות חדש
catalogue-edit = שינוי
catalogue-edit-title = מוצר { $v }
catalogue-back = חזרה לקטלוג
catalogue-search = חיפוש
catalogue-search-placeholder = מק״ט או שם, למשל KT-100 או דוד
catalogue-show-inactive = להציג גם מוצרים שכבר אינם מוצעים
catalogue-empty = הקטלוג ריק. מנהל או מנהל מערכת מוסיפים את המוצרים.
catalogue-empty-manage = הקטלוג ריק. הוסיפו מוצר, או ייבאו למטה את המחירון כקובץ CSV.
catalogue-none-found = לא נמצא דבר עבור „{ $v }”. נסו את תחילת המק״ט או חלק מהשם.
catalogue-count = { $n ->
    [one] מוצר אחד
   *[other] { $n } מוצרים
}
catalogue-limit = (500 הראשונים: חפשו כדי לצמצם את הרשימה)
catalogue-inactive = לא מוצע
catalogue-col-sku = מק״ט
catalogue-col-name = שם
catalogue-col-name_en = שם באנגלית
catalogue-col-name_cs = שם בצ׳כית
catalogue-col-name_ru = שם ברוסית
catalogue-col-name_pl = שם בפולנית
catalogue-col-name_he = שם בעברית
catalogue-col-unit = יחידה
catalogue-col-price = מחיר ללא מע״מ
catalogue-col-currency = מטבע
catalogue-col-vat_rate = מע״מ
catalogue-col-supplier = ספק
catalogue-col-supplier_sku = מק״ט הספק
catalogue-col-row = שורה
catalogue-col-file = קובץ
catalogue-file = קובץ קטלוג (CSV)
catalogue-export = הורדת הקטלוג (CSV)
catalogue-export-hint = כל המוצרים, לגיליון או לספק. שנו אותו וייבאו שוב: המוצרים מותאמים לפי המק״ט.
catalogue-import = ייבוא קובץ קטלוג
catalogue-import-hint = השורה הראשונה נותנת שמות לעמודות (בכל סדר; חובה sku ולפחות שם אחד), מופרדות ב־; או , — שמור כ־CSV UTF-8. מק״טים חדשים נוספים, קיימים משתנים. אם שורה כלשהי שגויה, דבר אינו נשמר וכל הבעיות מפורטות כאן.
catalogue-import-button = בדיקה וייבוא
catalogue-line = שורה
catalogue-column = עמודה
catalogue-problem = מה לתקן
catalogue-file-none = בחרו קודם קובץ CSV.
catalogue-file-empty = אין מוצרים בקובץ: אחרי השורה הראשונה, מוצר אחד בכל שורה.
catalogue-file-problems = { $n ->
    [one] דבר לא נשמר: בעיה אחת בקובץ. תקנו אותה וייבאו את הקובץ שוב.
   *[other] דבר לא נשמר: { $n } בעיות בקובץ. תקנו אותן וייבאו את הקובץ שוב.
}
catalogue-saved = נשמר: { $v }. המוצר בקטלוג ואפשר לצרף אותו להצעה; מצאו אותו בחיפוש.
catalogue-imported = יובא: { $created } נוספו, { $updated } שונו. אפשר עכשיו לצרף את המוצרים להצעות.
catalogue-errors = { $n ->
    [one] דבר לא נשמר: שדה אחד דורש תיקון.
   *[other] דבר לא נשמר: { $n } שדות דורשים תיקון.
}
catalogue-sku-hint = המק״ט שלכם, ייחודי בקטלוג (עד 64 תווים).
catalogue-unit-placeholder = יח׳, שעה, מ״ר
catalogue-names = שם
catalogue-names-hint = לפחות בשפה אחת. ההצעה מציגה את השם בשפת הלקוח, אחרת את הראשון שניתן.
catalogue-price-label = מחיר ללא מע״מ
catalogue-price-hint = ליחידה, למשל 1250.50.
catalogue-vat-label = שיעור מע״מ
catalogue-supplier-sku-hint = לבדיקת זמינות אצל הספק.
catalogue-active = מוצע
catalogue-active-hint = מוצר שאינו מוצע עוד נשאר בהצעות קודמות, אך החיפוש לא ימצא אותו.
catalogue-save = שמירה
catalogue-save-hint = אחרי השמירה תחזרו לקטלוג, שם תמצאו את המוצר.
catalogue-err-required = נא למלא.
catalogue-err-too_long = לכל היותר { $max } תווים.
catalogue-err-one_line = שורה אחת, ללא טאבים או מעברי שורה.
catalogue-err-language = שמות רק באנגלית, צ׳כית, רוסית, פולנית או עברית.
catalogue-err-language_twice = השם בשפה זו ניתן פעמיים.
catalogue-err-name_required = תנו שם בשפה אחת לפחות.
catalogue-err-not_a_number = כתבו מספר, למשל 1250.50 (ללא רווחים או מפרידי אלפים).
catalogue-err-negative = אינו יכול להיות שלילי.
catalogue-err-scale = לכל היותר { $places } ספרות אחרי הנקודה.
catalogue-err-too_large = חייב להיות קטן מ־1,000,000,000,000.
catalogue-err-currency = קוד מטבע בן 3 אותיות, למשל ILS או EUR.
catalogue-err-currency_unknown = הקטלוג אינו מכיר מטבע זה; השתמשו באחד מ־{ $currencies }.
catalogue-err-vat_range = אחוז בין 0 ל־100, למשל 17.
catalogue-err-encoding = הקובץ אינו טקסט UTF-8: בגיליון בחרו „שמירה בשם” ← „CSV UTF-8”.
catalogue-err-empty = הקובץ ריק: השורה הראשונה חייבת לתת שמות לעמודות.
catalogue-err-csv = לא ניתן לקרוא שורה זו כ־CSV (בדקו את המירכאות).
catalogue-err-column_unknown = אין עמודה כזו בקטלוג; העמודות הן sku, name_en, name_cs, name_ru, name_pl, name_he, unit, price, currency, vat_rate, supplier, supplier_sku.
catalogue-err-column_twice = עמודה זו מופיעה פעמיים.
catalogue-err-column_missing = חסרה עמודת חובה: sku ולפחות עמודת שם אחת (name_en, name_cs, name_ru, name_pl, name_he).
catalogue-err-sku_twice = מק״ט זה כבר מופיע בשורה קודמת בקובץ.
catalogue-err-columns = בשורה זו יש יותר ערכים מאשר עמודות בשורה הראשונה.
catalogue-err-too_many = בקובץ יותר מדי שורות (לכל היותר 20,000): פצלו אותו.
catalogue-err-sku_taken = למוצר אחר כבר יש מק״ט זה: בחרו אחר, או שנו את המוצר ההוא.
audit-catalogue-product_created = מוצר נוסף לקטלוג
audit-catalogue-product_changed = מוצר בקטלוג שונה
audit-catalogue-imported = קובץ קטלוג יובא
