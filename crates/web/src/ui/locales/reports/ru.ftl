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
# offers
reports-offers = Предложения
reports-offers-leads-sent = Заявки с предложением
reports-offers-made = Создано предложений
reports-offers-sent = Отправлено
reports-offers-accepted = Принято
reports-offers-declined = Отклонено
reports-offers-changes = Запрошены изменения
reports-offers-acceptance = Принято из решённых
reports-offers-money = Предложенная и выигранная сумма (с НДС)
reports-offers-offered-in = Предложено { $v }
reports-offers-won-in = Выиграно { $v }
reports-offers-times = Время до предложения и до решения
reports-offers-to-offer-median = Заявка → отправленное предложение, медиана
reports-offers-to-offer-p90 = Заявка → отправленное предложение, 90 %
reports-offers-to-decision-median = Предложение → решение, медиана
reports-offers-to-decision-p90 = Предложение → решение, 90 %
reports-offers-chart-accepted = Принятые предложения
reports-offers-note = Предложенная сумма учитывает для каждой заявки последнее отправленное предложение (изменённое заменяет прежнее), выигранная — принятые; с НДС, по валютам, без пересчёта.
reports-offers-funnel-offered = Предложено (с НДС)
reports-offers-funnel-won = Выиграно (с НДС)

# Деньги и отчёт о продажах (issue 21).
reports-money = Деньги: выставлено, оплачено, к оплате
reports-money-chart = Выставленные счета
reports-money-issued = Выставлено счетов
reports-money-paid = Оплачено полностью
reports-money-invoiced = Выставлено на сумму
reports-money-received = Получено
reports-money-outstanding = К оплате
reports-money-overdue = Просрочено
reports-money-overdue-invoices = Просроченные счета
reports-money-none = За этот период нет выставленных, оплаченных или неоплаченных счетов.
reports-money-note = Выставлено: счета, выставленные за период. Получено: платежи, внесённые за период, по любым счетам. К оплате и просрочено: сколько оставалось оплатить на конец периода. Каждая валюта отдельно, без пересчёта.
reports-sales = Отчёт о продажах: канал, менеджер, отзывы клиентов
reports-sales-by-channel = По каналам
reports-sales-by-owner = По менеджерам
reports-sales-compare = Этот период и предыдущий
reports-sales-this-period = Этот период
reports-sales-period-before = Предыдущий период
reports-sales-note = Заявки и их итог считаются по заявкам, полученным за период; ответы на контрольных звонках — их же. Жалобы — зарегистрированные за период: число открывает их на странице «Жалобы».
reports-sales-complaints = { $n ->
    [one] { $n } жалоба за период: нажмите на число, чтобы открыть.
    [few] { $n } жалобы за период: нажмите на число, чтобы открыть.
   *[other] { $n } жалоб за период: нажмите на число, чтобы открыть.
}
reports-sales-satisfied = Довольны
reports-sales-dissatisfied = Недовольны
