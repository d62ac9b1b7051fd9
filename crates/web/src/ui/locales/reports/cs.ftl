# The reports area's words (cs).
reports-today = Dnes
reports-this-week = Tento týden
reports-this-month = Tento měsíc
reports-last-month = Minulý měsíc
reports-lead-n = Poptávka { $v }
reports-when = Kdy
reports-due-at = termín { $v }
reports-breached-at = porušeno { $v }
reports-sort-hint = Kliknutím na záhlaví sloupce podle něj seřadíte.
