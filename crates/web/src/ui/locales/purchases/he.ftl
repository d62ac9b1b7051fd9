# רכש מהספק (issue 21).

## הרכש בציר הזמן
words-ev-purchase-requested = { $who } ביקש/ה מ-{ $supplier } את החשבונית (שורות מההצעה שהתקבלה: { $lines }).
words-ev-purchase-invoice_received = { $who } צירף/ה את חשבונית { $number } של { $supplier }: { $amount } { $currency }.
words-ev-purchase-overridden = { $who } התיר/ה להוציא ללקוח חשבונית בלי החשבונית של { $supplier }: { $reason }
words-ev-purchase-paid = { $who } סימן/ה ש-{ $supplier } קיבל תשלום.

## יומן הביקורת
audit-purchase-override = חריגה: ללא חשבונית ספק
audit-purchase-supplier_invoice_read = נפתחה חשבונית ספק

## סטטוסים
pur-status-requested = החשבונית התבקשה
pur-status-invoice_received = החשבונית התקבלה
pur-status-paid = הספק קיבל תשלום

## כרטיס הפנייה
pur-card-title = ספק
pur-card-none = עדיין אין רכש מספק. לפני החשבונית ללקוח, בקשו מהספק את החשבונית שלו.
pur-card-request = בקשו מהספק את החשבונית (הצעה, גרסה { $version })
pur-card-supplier = ספק (ריק = לפי הקטלוג)
pur-card-line = { $name } · { $quantity }
pur-card-article = מק"ט שלנו { $sku }
pur-card-supplier-article = מק"ט ספק { $sku }
pur-card-invoice = חשבונית ספק { $number }: { $amount }
pur-card-open = פתחו את חשבונית הספק
pur-card-attach = צרפו את חשבונית הספק
pur-card-file = קובץ (PDF, תמונה או מסמך משרדי)
pur-card-number = מספר חשבונית
pur-card-amount = סכום
pur-card-currency = מטבע
pur-card-override = הוציאו ללקוח חשבונית בלעדיה
pur-card-reason = סיבה (תירשם)
pur-card-overridden = אפשר להוציא ללקוח חשבונית בלעדיה (אושר ב-{ $date }): { $reason }
pur-card-paid = סמנו שהספק קיבל תשלום
pur-card-paid-on = שולם ב-{ $date }
pur-card-waiting = החשבונית ללקוח ממתינה לחשבונית של ספק זה.
pur-done-requested = החשבונית התבקשה מהספק.
pur-done-attached = חשבונית הספק צורפה.
pur-done-overridden = החריגה נרשמה: אפשר להוציא חשבונית ללקוח.
pur-done-paid = הספק סומן כמי שקיבל תשלום.
pur-err-supplier = הקטלוג לא מציין ספק לחלק מהשורות: הקלידו את הספק.
pur-err-file = בחרו את קובץ חשבונית הספק: PDF, תמונה או מסמך משרדי עד 10 MB.
pur-err-invoice = בדקו את מספר החשבונית, הסכום (למשל 900.00) והמטבע (למשל ILS).
pur-err-reason = כתבו מדוע אפשר להוציא ללקוח חשבונית בלי חשבונית הספק.
pur-err-conflict = אי אפשר לעשות זאת כעת: הרכש כבר התקדם. טענו את הכרטיס מחדש.

## כרטיס החשבוניות
pur-invoice-refused = החשבונית ללקוח ממתינה לחשבונית הספק: צרפו אותה באזור "ספק", או שמנהל יאשר חריגה.
pur-invoice-attached = צורפה חשבונית ספק { $number }
