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

# editor
## Редактор предложений и версии рядом на карточке заявки
offers-ed-title = Предложение, версия { $version }, для { $who }
offers-ed-intro = Строки из каталога (введите артикул или название) или произвольный текст. Итоги пересчитываются при сохранении.
offers-ed-intro-version = Новая версия, заполненная по предыдущей: измените то, что попросил клиент. Предыдущая версия сохранится и будет отмечена как заменённая.
offers-ed-back = ← Назад к заявке
offers-ed-errors = { $n ->
    [one] Исправьте { $n } поле. Всё введённое сохранено.
    [few] Исправьте { $n } поля. Всё введённое сохранено.
   *[other] Исправьте { $n } полей. Всё введённое сохранено.
}
offers-ed-lines = Строки
offers-ed-lines-hint = Пустые строки пропускаются.
offers-ed-line-n = Строка { $v }
offers-ed-name = Позиция (название или поиск в каталоге)
offers-ed-sku = Артикул
offers-ed-quantity = Количество
offers-ed-unit = Единица
offers-ed-unit_price = Цена за единицу
offers-ed-discount = Скидка %
offers-ed-vat_rate = НДС %
offers-ed-availability = У поставщика
offers-ed-avail-unknown = не проверено
offers-ed-avail-in_stock = в наличии
offers-ed-avail-on_order = под заказ
offers-ed-avail-not_available = нет в наличии
offers-ed-available_on = Срок поставщика (под заказ)
offers-ed-remove = Удалить строку
offers-ed-add = Добавить строку
offers-ed-totals = Итоги
offers-ed-totals-hint = Предварительно: точные итоги сервер считает при сохранении.
offers-ed-terms = Условия
offers-ed-currency = Валюта
offers-ed-valid_until = Действует до
offers-ed-delivery_date = Срок поставки
offers-ed-cooperation = Ход сотрудничества
offers-ed-customer_provides = Что обеспечивает клиент
offers-ed-we_provide = Что делаем мы
offers-ed-note = Примечание
offers-ed-save = Сохранить как черновик
offers-ed-save-hint = Клиенту ничего не уйдёт, пока вы не отправите предложение.
offers-ed-err-sku = Товара с таким артикулом нет. Выберите из подсказок или укажите название, цену и ставку НДС.
offers-ed-err-name = Укажите название строки или выберите товар из каталога.
offers-ed-err-quantity = Укажите количество больше 0, например 2 или 1,5.
offers-ed-err-unit = Укажите короткую единицу, например шт или ч (не более 20 символов).
offers-ed-err-unit_price = Укажите цену за единицу числом, например 1250,50.
offers-ed-err-unit_price-currency = Цена товара в другой валюте: укажите цену в валюте предложения.
offers-ed-err-discount = Укажите скидку в процентах от 0 до 100.
offers-ed-err-vat_rate = Укажите ставку НДС в процентах от 0 до 100, например 20.
offers-ed-err-availability = Выберите наличие из списка.
offers-ed-err-available_on = Укажите срок поставщика для строки под заказ.
offers-ed-err-currency = Выберите валюту из списка.
offers-ed-err-valid_until = Укажите последний день действия: сегодня или позже, не более чем на три года вперёд.
offers-ed-err-delivery_date = Укажите срок поставки начиная с сегодняшнего дня.
offers-ed-err-cooperation = Текст слишком длинный (не более 10 000 символов).
offers-ed-err-customer_provides = Текст слишком длинный (не более 10 000 символов).
offers-ed-err-we_provide = Текст слишком длинный (не более 10 000 символов).
offers-ed-err-note = Текст слишком длинный (не более 10 000 символов).
offers-ed-err-items = Заполните хотя бы одну строку (не более 200).
offers-ed-err-form = В форме что-то не так, проверьте её.
offers-ed-saved = Предложение, версия { $version }, сохранено как черновик. Отправьте его клиенту, когда оно будет готово.
offers-ed-sent-email = Предложение, версия { $version }, отправлено клиенту по e-mail со ссылкой на его страницу. Как только он примет, отклонит или попросит изменений, вы сразу узнаете.
offers-ed-sent-sms = Предложение, версия { $version }, отправлено клиенту по SMS со ссылкой на его страницу. Как только он примет, отклонит или попросит изменений, вы сразу узнаете.
offers-ed-sent-none = Предложение, версия { $version }, на странице клиента; у него нет e-mail и телефона, передайте ссылку сами. Как только он решит, вы сразу узнаете.
offers-ed-none = Предложений пока нет.
offers-ed-send = Отправить клиенту
offers-ed-new-version = Новая версия
offers-ed-new = Новое предложение
offers-cmp-title = Версии рядом
offers-cmp-a = Более ранняя
offers-cmp-b = Более поздняя
offers-cmp-show = Сравнить
offers-cmp-added = добавлено
offers-cmp-removed = удалено
offers-cmp-changed = изменено
offers-cmp-f-name = название
offers-cmp-f-quantity = количество
offers-cmp-f-unit = единица
offers-cmp-f-unit_price = цена
offers-cmp-f-discount = скидка
offers-cmp-f-vat_rate = ставка НДС
offers-cmp-f-availability = наличие
offers-cmp-f-cooperation = ход сотрудничества
offers-cmp-f-customer_provides = что обеспечивает клиент
offers-cmp-f-we_provide = что делаем мы
offers-cmp-f-note = примечание
offers-cmp-n-added = { $n ->
    [one] { $n } строка добавлена
    [few] { $n } строки добавлены
   *[other] { $n } строк добавлено
}
offers-cmp-n-removed = { $n ->
    [one] { $n } строка удалена
    [few] { $n } строки удалены
   *[other] { $n } строк удалено
}
offers-cmp-n-changed = { $n ->
    [one] { $n } строка изменена
    [few] { $n } строки изменены
   *[other] { $n } строк изменено
}
offers-cmp-totals = итоги
offers-cmp-validity = срок действия
offers-cmp-delivery = срок поставки
offers-cmp-nothing = Между этими версиями ничего не изменилось.
offers-cmp-summary = Что изменилось: { $v }.

# The offer as a PDF (issue 20, item 3)
c-offer-pdf = Скачать предложение (PDF)
offers-card-pdf = PDF

# A playbook task's part in the offer (item 5): the editor opened from the task, the draft sent from it.
offers-task-editor = Открыть редактор предложения
offers-task-new-version = Открыть редактор: новая версия на основе версии { $version }
offers-task-send = Отправить клиенту версию { $version }
offers-ed-saved-task = Версия предложения { $version } сохранена, ваша задача её подготовить выполнена. Что дальше — в открытых задачах ниже.
offers-ed-completes-task = Сохранение этой версии завершит вашу задачу «{ $task }».
