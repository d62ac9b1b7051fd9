# Слова раздела доставки и жалоб (issue 21, пункты 5 и 6).

## В ленте событий
words-ev-delivery-planned = { $who } запланировал(а) доставку на { $date }.
words-ev-delivery-planned-driver = { $who } запланировал(а) доставку на { $date }, водитель { $driver }.
words-ev-delivery-pack-ready = Комплект документов для водителя на { $date } готов.
words-ev-delivery-done = { $who } отметил(а) доставку товара { $at }.
words-ev-complaint-recorded = { $who } зафиксировал(а) жалобу клиента для руководства.
words-ev-complaint-resolved = { $who } закрыл(а) жалобу клиента.

## Карточка заявки
dlv-card-title = Доставка
dlv-none = Доставка ещё не запланирована.
dlv-date = День доставки
dlv-address = Адрес
dlv-driver = Водитель (необязательно)
dlv-driver-name = Водитель
dlv-plan = Запланировать доставку
dlv-status-planned = запланирована
dlv-status-pack_ready = документы готовы
dlv-status-delivered = доставлено
dlv-pack-at = Документы для водителя печатаются { $at }.
dlv-delivered-at = Доставлено { $at }.
dlv-doc-invoice = Счёт
dlv-doc-vat_invoice = Счёт-фактура
dlv-doc-delivery_note = Товарная накладная
dlv-mark-delivered = Отметить доставку
dlv-day-link = Лист водителя на { $date }
dlv-flash-planned = Доставка запланирована.
dlv-flash-delivered = Товар отмечен как доставленный.
dlv-err-date = Выберите день доставки: сегодня или позже.
dlv-err-address = Укажите адрес доставки.
dlv-err-driver = Имя водителя — одна строка до 200 символов.
dlv-err-delivered = Эта доставка уже отмечена как выполненная.

## Лист водителя
dlv-day-title = Доставки на { $date }
dlv-day-nav = Доставки
dlv-day-empty = На этот день доставок нет.
dlv-day-pick = День
dlv-day-show = Показать
dlv-print = Печать
dlv-customer = Клиент
dlv-phone = Телефон
dlv-documents = Документы
dlv-status = Статус
dlv-err-day = Это не дата: выберите день в календаре.

## Жалобы
cmp-title = Жалобы
cmp-nav = Жалобы
cmp-intro = Жалобы по итогам негативных звонков о качестве, новые сверху.
cmp-empty = Жалоб нет.
cmp-status = Статус
cmp-all = Все
cmp-status-open = Открыта
cmp-status-resolved = Закрыта
cmp-from = С
cmp-to = По
cmp-show = Показать
cmp-date = Дата
cmp-customer = Клиент
cmp-owner = Менеджер
cmp-channel = Канал
cmp-text = Суть жалобы
cmp-resolution = Решение
cmp-resolve = Закрыть
cmp-resolve-note = Как решена
cmp-resolved-at = Закрыта { $at }: { $note }
cmp-export-csv = Скачать CSV
cmp-export-xlsx = Скачать Excel
cmp-flash-resolved = Жалоба закрыта.
cmp-err-note = Напишите, как решена жалоба.
cmp-err-filter = Проверьте фильтр: дата пишется ГГГГ-ММ-ДД.
cmp-nobody = никто
cmp-complaint-note = Суть жалобы клиента (обязательно при негативном ответе)
