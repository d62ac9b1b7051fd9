# The catalogue area's words (ru).
catalogue-nav = Каталог
catalogue-title = Каталог
catalogue-add = Добавить товар
catalogue-new = Новый товар или услуга
catalogue-edit = Изменить
catalogue-edit-title = Товар { $v }
catalogue-back = ← Назад в каталог
catalogue-search = Найти
catalogue-search-placeholder = Артикул или название, напр. KT-100 или котёл
catalogue-show-inactive = Показать и товары, которые больше не предлагаются
catalogue-empty = Каталог пуст. Товары добавляет менеджер или администратор.
catalogue-empty-manage = Каталог пуст. Добавьте товар или импортируйте ниже прайс-лист в виде файла CSV.
catalogue-none-found = По запросу «{ $v }» ничего не найдено. Попробуйте начало артикула или часть названия.
catalogue-count = { $n ->
    [one] { $n } товар
    [few] { $n } товара
   *[other] { $n } товаров
}
catalogue-limit = (первые 500: уточните поиск)
catalogue-inactive = не предлагается
catalogue-col-sku = Артикул
catalogue-col-name = Название
catalogue-col-name_en = Название по-английски
catalogue-col-name_cs = Название по-чешски
catalogue-col-name_ru = Название по-русски
catalogue-col-name_pl = Название по-польски
catalogue-col-name_he = Название на иврите
catalogue-col-unit = Единица
catalogue-col-price = Цена без НДС
catalogue-col-currency = Валюта
catalogue-col-vat_rate = НДС
catalogue-col-supplier = Поставщик
catalogue-col-supplier_sku = Артикул поставщика
catalogue-col-row = Строка
catalogue-col-file = Файл
catalogue-file = Файл каталога (CSV)
catalogue-export = Скачать каталог (CSV)
catalogue-export-hint = Все товары — для таблицы или поставщика. Измените его и импортируйте снова: товары сопоставляются по артикулу.
catalogue-import = Импортировать файл каталога
catalogue-import-hint = Первая строка называет столбцы (в любом порядке; обязательны sku и хотя бы одно название), разделённые ; или , — сохранено как CSV UTF-8. Новые артикулы добавляются, известные изменяются. Если хоть одна строка ошибочна, ничего не сохраняется, и все ошибки перечисляются здесь.
catalogue-import-button = Проверить и импортировать
catalogue-line = Строка
catalogue-column = Столбец
catalogue-problem = Что исправить
catalogue-file-none = Сначала выберите файл CSV.
catalogue-file-empty = В файле нет товаров: после первой строки — по одному товару в строке.
catalogue-file-problems = { $n ->
    [one] Ничего не сохранено: в файле { $n } ошибка. Исправьте и импортируйте файл снова.
    [few] Ничего не сохранено: в файле { $n } ошибки. Исправьте их и импортируйте файл снова.
   *[other] Ничего не сохранено: в файле { $n } ошибок. Исправьте их и импортируйте файл снова.
}
catalogue-saved = Сохранено: { $v }. Товар теперь в каталоге, его можно включить в предложение; найдите его поиском.
catalogue-imported = Импортировано: добавлено { $created }, изменено { $updated }. Товары теперь можно включать в предложения.
catalogue-errors = { $n ->
    [one] Ничего не сохранено: нужно исправить { $n } поле.
    [few] Ничего не сохранено: нужно исправить { $n } поля.
   *[other] Ничего не сохранено: нужно исправить { $n } полей.
}
catalogue-sku-hint = Ваш собственный артикул, уникальный в каталоге (до 64 символов).
catalogue-unit-placeholder = шт., ч, м²
catalogue-names = Название
catalogue-names-hint = Хотя бы на одном языке. Предложение показывает название на языке клиента, иначе первое указанное.
catalogue-price-label = Цена без НДС
catalogue-price-hint = За единицу, напр. 1250,50.
catalogue-vat-label = Ставка НДС
catalogue-supplier-sku-hint = Для проверки наличия у поставщика.
catalogue-active = Предлагается
catalogue-active-hint = Товар, который больше не предлагается, остаётся в прежних предложениях, но поиск его не находит.
catalogue-save = Сохранить
catalogue-save-hint = После сохранения вы вернётесь в каталог, где найдёте товар.
catalogue-err-required = Заполните.
catalogue-err-too_long = Не больше { $max } символов.
catalogue-err-one_line = Одна строка, без табуляций и переносов.
catalogue-err-language = Названия только на английском, чешском, русском, польском или иврите.
catalogue-err-language_twice = Название на этом языке указано дважды.
catalogue-err-name_required = Укажите название хотя бы на одном языке.
catalogue-err-not_a_number = Введите число, напр. 1250,50 (без пробелов и разделителей тысяч).
catalogue-err-negative = Не может быть отрицательным.
catalogue-err-scale = Не больше { $places } знаков после запятой.
catalogue-err-too_large = Должно быть меньше 1 000 000 000 000.
catalogue-err-currency = Трёхбуквенный код валюты, напр. RUB или EUR.
catalogue-err-currency_unknown = Каталог не знает эту валюту; используйте одну из { $currencies }.
catalogue-err-vat_range = Процент от 0 до 100, напр. 20.
catalogue-err-encoding = Файл — не текст в UTF-8: в таблице выберите «Сохранить как» → «CSV UTF-8».
catalogue-err-empty = Файл пуст: первая строка должна называть столбцы.
catalogue-err-csv = Эту строку нельзя прочитать как CSV (проверьте кавычки).
catalogue-err-column_unknown = Такого столбца в каталоге нет; столбцы: sku, name_en, name_cs, name_ru, name_pl, name_he, unit, price, currency, vat_rate, supplier, supplier_sku.
catalogue-err-column_twice = Этот столбец указан дважды.
catalogue-err-column_missing = Нет обязательного столбца: sku и хотя бы одного столбца названия (name_en, name_cs, name_ru, name_pl, name_he).
catalogue-err-sku_twice = Этот артикул уже есть в одной из предыдущих строк файла.
catalogue-err-columns = В этой строке больше значений, чем столбцов в первой строке.
catalogue-err-too_many = В файле слишком много строк (не больше 20 000): разделите его.
catalogue-err-sku_taken = Этот артикул уже у другого товара: выберите другой или измените тот товар.
audit-catalogue-product_created = Товар добавлен в каталог
audit-catalogue-product_changed = Товар в каталоге изменён
audit-catalogue-imported = Импортирован файл каталога
