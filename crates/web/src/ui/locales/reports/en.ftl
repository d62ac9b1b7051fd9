# The reports area's words (en).
reports-today = Today
reports-this-week = This week
reports-this-month = This month
reports-last-month = Last month
reports-lead-n = Inquiry { $v }
reports-when = When
reports-due-at = due { $v }
reports-breached-at = breached { $v }
reports-sort-hint = Click a column's heading to sort by it.
