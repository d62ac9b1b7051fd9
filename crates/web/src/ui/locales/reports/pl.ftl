# The reports area's words (pl).
reports-today = Dziś
reports-this-week = Ten tydzień
reports-this-month = Ten miesiąc
reports-last-month = Poprzedni miesiąc
reports-lead-n = Zapytanie { $v }
reports-when = Kiedy
reports-due-at = termin { $v }
reports-breached-at = naruszono { $v }
reports-sort-hint = Kliknij nagłówek kolumny, aby według niej sortować.
