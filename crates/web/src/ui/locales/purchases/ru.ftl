# Закупка у поставщика (issue 21).

## Закупки в ленте событий
words-ev-purchase-requested = { $who } запросил(а) счёт у поставщика { $supplier } (позиций принятого предложения: { $lines }).
words-ev-purchase-invoice_received = { $who } приложил(а) счёт { $number } поставщика { $supplier }: { $amount } { $currency }.
words-ev-purchase-overridden = { $who } разрешил(а) выставить счёт клиенту без счёта поставщика { $supplier }: { $reason }
words-ev-purchase-paid = { $who } отметил(а), что поставщику { $supplier } оплачено.

## Журнал аудита
audit-purchase-override = Исключение: без счёта поставщика
audit-purchase-supplier_invoice_read = Открыт счёт поставщика

## Статусы
pur-status-requested = счёт запрошен
pur-status-invoice_received = счёт получен
pur-status-paid = поставщику оплачено

## Карточка заявки
pur-card-title = Поставщик
pur-card-none = Закупок у поставщика пока нет. Перед счётом клиенту запросите счёт у поставщика.
pur-card-request = Запросить счёт у поставщика (предложение, версия { $version })
pur-card-supplier = Поставщик (пусто — из каталога)
pur-card-line = { $name } · { $quantity }
pur-card-article = наш арт. { $sku }
pur-card-supplier-article = арт. поставщика { $sku }
pur-card-invoice = Счёт поставщика { $number }: { $amount }
pur-card-open = Открыть счёт поставщика
pur-card-attach = Приложить счёт поставщика
pur-card-file = Файл (PDF, изображение или офисный документ)
pur-card-number = Номер счёта
pur-card-amount = Сумма
pur-card-currency = Валюта
pur-card-override = Выставить счёт клиенту без него
pur-card-reason = Причина (будет записана)
pur-card-overridden = Счёт клиенту можно выставить без него (разрешено { $date }): { $reason }
pur-card-paid = Отметить оплату поставщику
pur-card-paid-on = Оплачено { $date }
pur-card-waiting = Счёт клиенту ждёт счёта этого поставщика.
pur-done-requested = Счёт у поставщика запрошен.
pur-done-attached = Счёт поставщика приложен.
pur-done-overridden = Исключение записано: счёт клиенту можно выставить.
pur-done-paid = Оплата поставщику отмечена.
pur-err-supplier = В каталоге для некоторых позиций нет поставщика: укажите поставщика.
pur-err-file = Выберите файл счёта поставщика: PDF, изображение или офисный документ до 10 МБ.
pur-err-invoice = Проверьте номер счёта, сумму (например, 900.00) и валюту (например, RUB).
pur-err-reason = Укажите, почему счёт клиенту можно выставить без счёта поставщика.
pur-err-conflict = Сейчас это невозможно: закупка уже продвинулась. Обновите карточку.

## Карточка счетов
pur-invoice-refused = Счёт клиенту ждёт счёта поставщика: приложите его в разделе «Поставщик» или попросите руководителя сделать исключение.
pur-invoice-attached = Приложен счёт поставщика { $number }
