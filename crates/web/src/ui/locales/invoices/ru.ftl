# The invoices area's words (issue 21).

## The invoices on the timeline
words-ev-invoice-issued = { $who } выставил(а) счёт { $number }: { $gross } { $currency }, оплатить до { $due }.

## The message that brings the documents
inv-mail-subject = Счёт { $number } от { $company }
inv-mail-text =
    Здравствуйте!
    {""}
    Спасибо за заказ. Счёт { $number } и документы — на вашей странице:
    { $link }
    {""}
    Сумма: { $total }
    Оплатить до: { $due }
    Назначение платежа: { $vs }
    Счёт получателя: { $account }
    Доставка: { $delivery }
inv-sms-text = Счёт { $number } ({ $total }, до { $due }, назначение { $vs }) на вашей странице: { $link }
inv-mail-delivery-agreed = по договорённости

## Statuses
inv-status-issued = выставлен
inv-status-partially_paid = оплачен частично
inv-status-paid = оплачен
inv-status-overdue = просрочен
inv-status-cancelled = аннулирован

## The lead card
inv-card-title = Счета
inv-card-none = Счетов пока нет.
inv-card-number = Счёт { $number }
inv-card-dates = выставлен { $issued }, оплатить до { $due }
inv-card-paid = оплачено { $paid }
inv-card-issue = Выставить счёт по предложению, версия { $version }
inv-card-issued = Счёт { $number } выставлен, документы отправлены клиенту.
inv-card-refused-no-requisites = Счёт пока нельзя выставить: сначала внесите личные данные или реквизиты компании клиента.
inv-card-refused-not-accepted = Счёт выставляется только по предложению, которое клиент принял.
inv-card-refused-invoiced = По этому предложению счёт уже выставлен.
inv-doc-invoice = Счёт (PDF)
inv-doc-contract = Договор (PDF)

## The customer's page
c-inv-title = Ваши счета
c-inv-invoice = Счёт { $number }
c-inv-total = Сумма { $total }
c-inv-due = оплатить до { $date }
c-inv-reference = назначение платежа { $vs }
c-inv-pdf = Скачать счёт (PDF)
c-inv-contract-pdf = Скачать договор (PDF)

## The company's settings: invoicing
inv-set-title = Счета
inv-set-help = Что ваши счета сообщают о компании и как они нумеруются.
inv-set-registration-id = Регистрационный номер (ИНН)
inv-set-vat-id = Номер плательщика НДС
inv-set-bank-account = Банковский счёт
inv-set-iban = IBAN
inv-set-bic = БИК / SWIFT
inv-set-terms = Срок оплаты (дней)
inv-set-pattern = Шаблон номера счёта
inv-set-pattern-help = {"{"}YYYY{"}"} или {"{"}YY{"}"} — год, {"{"}NNNN{"}"} — порядковый номер из стольких цифр, сколько N; например, {"{"}YYYY{"}{"}NNNN{"}"} даёт 20260001.
inv-set-save = Сохранить
inv-set-saved = Настройки счетов сохранены.
inv-set-err-text = не более { $max } символов в одну строку
inv-set-err-iban = `{ $v }` — неверный IBAN (проверьте цифры)
inv-set-err-terms = `{ $v }` — не число дней от 0 до 365
inv-set-err-pattern = `{ $v }`: { $why }

## Платежи (issue 21, payments): хронология
words-ev-payment-recorded = { $who } записал(а) платёж { $amount } { $currency } по счёту { $number }; осталось оплатить { $left } { $currency }.
words-ev-invoice-paid = { $who }: счёт { $number } оплачен полностью ({ $gross } { $currency }); клиенту сообщили.
words-ev-payments-imported = { $who } загрузил(а) банковскую выписку: { $matched } из { $lines } строк записаны как платежи, { $unmatched } ждут проверки.
words-ev-payments-reviewed-assigned = { $who } отнёс(ла) строку банковской выписки к счёту.
words-ev-payments-reviewed-dismissed = { $who } отклонил(а) строку банковской выписки: это не оплата счёта.
words-ev-invoice-overdue-reminder = { $who }: счёт { $number } не оплачен после срока (осталось { $left }); клиенту отправлено напоминание, ответственный звонит.
words-ev-invoice-overdue-escalation = { $who }: счёт { $number } всё ещё не оплачен (осталось { $left }); дело берёт руководитель.

## Платежи: сообщение клиенту
inv-paid-mail-subject = Оплата получена: счёт { $number }
inv-paid-mail-text =
    Здравствуйте!
    {""}
    Спасибо: мы получили вашу оплату, счёт { $number } ({ $total }) оплачен полностью. Что будет дальше, видно на вашей странице:
    { $link }
    {""}
    { $company }
inv-paid-sms-text = Спасибо: счёт { $number } ({ $total }) оплачен полностью. Ваша страница: { $link }

## Платежи: карточка заявки
inv-card-left = осталось оплатить { $left }
inv-pay-title = Записать платёж
inv-pay-amount = Сумма ({ $currency })
inv-pay-date = Дата поступления
inv-pay-reference = Назначение / номер платежа
inv-pay-submit = Записать платёж
inv-pay-next = Если платёж закрывает счёт полностью, клиенту сообщат и начнётся следующий шаг сделки; частичный платёж уменьшит остаток.
inv-pay-recorded = Платёж записан: по счёту { $number } осталось оплатить { $left }.
inv-pay-recorded-full = Счёт { $number } оплачен полностью: клиенту сообщили, начался следующий шаг.
inv-pay-refused = Платёж не записан: { $why }
inv-pay-bad-amount = сумма должна быть положительным числом, не больше остатка к оплате
inv-pay-bad-date = дата должна быть уже наступившим днём, например 06.05.2031

## Платежи: страница клиента
c-inv-paid = Оплачен полностью — спасибо
c-inv-partially-paid = Оплачено { $paid }, осталось { $left }

## Платежи: страница для руководителей
pay-page-title = Платежи
inv-card-payments-link = Банковские выписки и платежи на проверку
pay-page-help = Загрузите банковскую выписку: каждый платёж, чей номер совпадает с переменным символом счёта, а сумма равна остатку (или меньше), записывается на этот счёт; когда счёт оплачен полностью, клиенту сообщают. Что не совпало, ждёт ниже.
pay-upload-file = Банковская выписка
pay-upload-format = Формат
pay-format-csv = CSV (дата, сумма, валюта, номер, плательщик, сообщение)
pay-format-gpc = ABO/GPC (чешские банки)
pay-upload-submit = Загрузить выписку
pay-imported = Выписка загружена: записано платежей — { $matched }, ждут проверки — { $unmatched }.
pay-review-title = На проверку
pay-review-none = Проверять нечего: каждый платёж нашёл свой счёт.
pay-col-date = Дата
pay-col-amount = Сумма
pay-col-reference = Номер
pay-col-counterparty = От кого
pay-col-reason = Почему не совпало
pay-reason-not_a_credit = исходящий платёж, а не поступление
pay-reason-no_reference = без номера платежа
pay-reason-unknown_reference = нет счёта с таким номером
pay-reason-cancelled = счёт аннулирован
pay-reason-already_paid = счёт уже оплачен
pay-reason-currency = другая валюта, чем в счёте
pay-reason-overpayment = больше, чем осталось оплатить
pay-assign-number = Номер счёта
pay-assign = Записать на этот счёт
pay-dismiss = Это не оплата счёта
pay-assigned = Платёж записан на счёт { $number }.
pay-dismissed = Строка отклонена.
pay-error = Не выполнено: { $why }
