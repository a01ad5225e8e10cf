# Vietnamese conventions: 120.000.000 and 2,5; dates day first, as on official documents.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3

DATE_FORMAT = r"j \t\há\n\g n, Y"  # 5 tháng 3, 2025
DATETIME_FORMAT = r"H:i, j \t\há\n\g n, Y"
MONTH_DAY_FORMAT = r"j \t\há\n\g n"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO first: the date widgets (<input type="date">) send and show it. Without these, Django
# would read a typed 05/03/2025 the American way, as 3 May.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%H:%M %d/%m/%Y",
]
