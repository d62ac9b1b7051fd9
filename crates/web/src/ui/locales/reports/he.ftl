# The reports area's words (he).
reports-today = היום
reports-this-week = השבוע
reports-this-month = החודש
reports-last-month = החודש שעבר
reports-lead-n = פנייה { $v }
reports-when = מתי
reports-due-at = יעד { $v }
reports-breached-at = הופר { $v }
reports-sort-hint = לחצו על כותרת עמודה כדי למיין לפיה.
