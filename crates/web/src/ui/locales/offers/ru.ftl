# The offers area's words (ru).

## Предложения в хронологии
words-ev-offer-created = { $who }: подготовлено предложение, версия { $version }: { $gross } { $currency }.
words-ev-offer-sent = { $who }: предложение, версия { $version }, отправлено клиенту.
words-ev-offer-accepted = Клиент принял предложение, версия { $version }. { $note }
words-ev-offer-declined = Клиент отклонил предложение, версия { $version }. { $note }
words-ev-offer-changes-requested = Клиент просит изменить предложение, версия { $version }. { $note }

## The customer's page: offers, and the message that sends one
c-offer-title = Наше предложение (версия { $version })
c-offer-valid = Действует до { $date }
c-offer-expired = Срок действия этого предложения истёк { $date }, принять его уже нельзя. Напишите нам, и мы подготовим новое.
c-offer-delivery = Поставка: { $date }
c-offer-col-item = Позиция
c-offer-col-qty = Количество
c-offer-col-price = Цена за единицу
c-offer-col-discount = Скидка
c-offer-col-vat = НДС
c-offer-col-total = Итого
c-offer-vat-row = НДС { $rate } % с { $base }: { $vat }
c-offer-net = Без НДС
c-offer-vat = НДС
c-offer-gross = Итого к оплате
c-offer-cooperation = Как мы будем работать
c-offer-you-provide = Что предоставляете вы
c-offer-we-do = Что делаем мы
c-offer-note = Примечание
c-offer-avail-in_stock = в наличии
c-offer-avail-on_order = под заказ, ожидается { $date }
c-offer-avail-not_available = нет в наличии
c-offer-accept = Принять предложение
c-offer-decline = Отклонить
c-offer-changes = Попросить изменения
c-offer-note-label = Комментарий для нас (необязательно)
c-offer-note-help = Напишите, что изменить или почему предложение вам не подходит.
c-offer-reason-smaller = Начать с одной-двух услуг
c-offer-quick = Или попросите начать с малого:
c-offer-decided-accept = Вы приняли это предложение. Спасибо — мы свяжемся с вами насчёт следующих шагов.
c-offer-decided-decline = Вы отклонили это предложение. Спасибо, что сообщили.
c-offer-decided-changes = Вы попросили изменения. Мы готовим новую версию и пришлём её вам.
c-offer-superseded = Это предложение заменено более новой версией.
c-sent-offer-accept = Спасибо: вы приняли предложение. Мы свяжемся с вами насчёт следующих шагов.
c-sent-offer-decline = Мы записали, что вы отклонили предложение. Спасибо, что сообщили.
c-sent-offer-changes = Ваша просьба об изменениях получена. Мы пришлём вам новую версию.
c-offer-refused-title = По этому предложению решение принять уже нельзя
c-offer-refused-expired = Срок действия предложения истёк. Напишите нам, и мы подготовим новое.
c-offer-refused-superseded = Это предложение заменено новой версией: посмотрите последнюю версию на своей странице.
c-offer-refused-decided = Вы уже приняли решение по этому предложению.
c-offer-refused-not-sent = Это предложение ещё не готово.
c-offer-back = Вернуться на вашу страницу
offer-mail-subject = Ваше предложение от { $company } (версия { $version })
offer-mail-text =
    Здравствуйте!
    {""}
    Ваше предложение готово: { $total }, действует до { $until }.
    Посмотрите его и примите, отклоните или попросите изменения на своей странице:
    { $link }
offer-sms-text = Ваше предложение готово ({ $total }, действует до { $until }): { $link }

## The lead card's offers
offers-card-title = Предложения
offers-card-version = Версия { $version }
offers-card-valid = действует до { $date }
offers-status-draft = черновик
offers-status-sent = отправлено клиенту
offers-status-accepted = принято
offers-status-declined = отклонено
offers-status-changes_requested = запрошены изменения
offers-status-superseded = заменено новой версией
offers-status-expired = срок истёк

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = Скачать предложение (PDF)
offers-card-pdf = PDF
