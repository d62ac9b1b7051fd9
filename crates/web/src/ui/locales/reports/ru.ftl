# The reports area's words (ru).
reports-today = Сегодня
reports-this-week = Эта неделя
reports-this-month = Этот месяц
reports-last-month = Прошлый месяц
reports-lead-n = Обращение { $v }
reports-when = Когда
reports-due-at = срок { $v }
reports-breached-at = нарушено { $v }
reports-sort-hint = Нажмите на заголовок столбца, чтобы отсортировать по нему.
