"""Who and what the news articles in the project's seeds name, plus pools for plausible extras.

Facts from the articles: the Hai Phong Department of Science and Technology hosts; the
Canada-ASEAN Business Council signed a letter of intent on 14/10/2024 with an MOU expected in
2025; Chungbuk Technopark and the Chungbuk Free Economic Zone Authority joined the
Vietnam–Korea innovation enterprise conference at Techfest Hai Phong 2023 and the Department
signed a cooperation agreement with the Technopark; the Jeollanam-do Department of Energy Industry
signed a friendship agreement on agriculture and renewable energy in July 2023; a Taiwanese
delegation led by Mr La Minh Tuan came to the 2023 Vietnam–Taiwan connection session co-organised
with the Department of Technology Application and Development; the Vietnam Institute of Marine
Research (Research Institute for Marine Fisheries) took part. Dates the articles do not give are
marked ``approximate`` in the event descriptions.
"""

from datetime import date

HOST = {
    "key": "dost",
    "name": "Sở Khoa học và Công nghệ thành phố Hải Phòng",
    "name_en": "Hai Phong Department of Science and Technology",
    "country": "VN",
    "kind": "government_agency",
    "province": "Hải Phòng",
    "website": "https://sokhcn.haiphong.gov.vn",
    "description": (
        "Cơ quan tham mưu của UBND thành phố về khoa học, công nghệ và đổi mới sáng tạo; tổ chức "
        "các phiên kết nối cung cầu công nghệ giữa doanh nghiệp Việt Nam và nước ngoài."
    ),
    "description_en": (
        "The city's agency for science, technology and innovation; it runs technology "
        "supply–demand connection sessions between Vietnamese and foreign enterprises."
    ),
    "sectors": [],
}

REAL_ORGANIZATIONS = [
    {
        "key": "cabc",
        "name": "Canada-ASEAN Business Council",
        "name_en": "Canada-ASEAN Business Council",
        "country": "CA",
        "kind": "business_association",
        "website": "https://www.canasean.com",
        "description": (
            "A non-profit bridge for business, trade and investment between Canada and ASEAN, "
            "with offices in Singapore and Montreal, representing over 70 leading companies."
        ),
        "description_en": "",
        "sectors": ["ENV.CLI", "ENE.EFF", "EDU.VOC", "ICT.SEC", "ICT.SW"],
    },
    {
        "key": "cbtp",
        "name": "충북테크노파크",
        "name_en": "Chungbuk Technopark",
        "country": "KR",
        "kind": "technopark",
        "website": "https://www.cbtp.or.kr",
        "description": (
            "A regional innovation centre for the industry of Chungcheongbuk-do: agriculture, "
            "semiconductor manufacturing, solar cells and bio-health."
        ),
        "description_en": "",
        "sectors": ["SEM.FAB", "ENE.SOL", "BIO.PHA", "AGR.CRP"],
    },
    {
        "key": "cbfez",
        "name": "충북경제자유구역청",
        "name_en": "Chungbuk Free Economic Zone Authority (CBFEZ)",
        "country": "KR",
        "kind": "government_agency",
        "website": "https://www.cbfez.go.kr",
        "description": (
            "The authority of the Chungbuk Free Economic Zone; it brought cosmetics, safety "
            "equipment and award-winning technology firms to Techfest Hai Phong 2023."
        ),
        "description_en": "",
        "sectors": ["BIO.PHA", "SAF.OHS"],
    },
    {
        "key": "jeonnam",
        "name": "전라남도 에너지산업국",
        "name_en": "Jeollanam-do Department of Energy Industry",
        "country": "KR",
        "kind": "government_agency",
        "website": "https://www.jeonnam.go.kr",
        "description": (
            "Provincial department for the energy industry: renewable energy, solar and wind "
            "power, smart farms and the circular economy."
        ),
        "description_en": "",
        "sectors": ["ENE.SOL", "ENE.WIN", "AGR.CRP", "ENV.WST"],
    },
    {
        "key": "rimf",
        "name": "Viện Nghiên cứu Hải sản",
        "name_en": "Research Institute for Marine Fisheries",
        "country": "VN",
        "kind": "research_institute",
        "province": "Hải Phòng",
        "website": "https://www.rimf.org.vn",
        "description": "Viện nghiên cứu về khoa học biển và khoa học thủy sản, trụ sở tại Hải Phòng.",
        "description_en": "A research institute in marine and fisheries science based in Hai Phong.",
        "sectors": ["MAR.OCE", "AQU.PRO", "AQU.SEE"],
    },
    {
        "key": "dtad",
        "name": "Cục Ứng dụng và Phát triển công nghệ",
        "name_en": "Department of Technology Application and Development",
        "country": "VN",
        "kind": "government_agency",
        "province": "Hà Nội",
        "description": "Cơ quan thuộc Bộ Khoa học và Công nghệ, đồng tổ chức phiên kết nối Việt Nam – Đài Loan.",
        "description_en": "An agency of the Ministry of Science and Technology, co-organiser of the Vietnam–Taiwan session.",
        "sectors": [],
    },
    {
        "key": "tw-lead",
        "name": "台灣農漁業技術輸出聯盟",
        "name_en": "Taiwan Agri-Aquaculture Technology Export Alliance",
        "country": "TW",
        "kind": "business_association",
        "description": (
            "Leads the Taiwanese technology suppliers' delegation (aquaculture, fish seed, "
            "semiconductors, IoT, biotechnology, agricultural machinery, renewable energy)."
        ),
        "description_en": "",
        "sectors": ["AQU.SEE", "AQU.FAR", "AGR.MAC", "ICT.IOT"],
    },
]

# Pools for generated organisations: plausible names per country, never real companies.
VN_PREFIXES = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Hợp tác xã"]
VN_STEMS = [
    "Thủy sản Đồ Sơn",
    "Cơ khí Hải An",
    "Nông nghiệp Xanh Tiên Lãng",
    "Thực phẩm An Dương",
    "Điện tử Lạch Tray",
    "Logistics Đình Vũ",
    "Môi trường Cát Hải",
    "Năng lượng Kiến Thụy",
    "Nhựa Tái chế Thủy Nguyên",
    "Giống thủy sản Cát Bà",
    "Đóng tàu Bạch Đằng Mới",
    "Vật liệu Xây dựng Minh Đức",
    "Dệt may Vĩnh Bảo",
    "Công nghệ Số Lê Chân",
    "Chế biến Hải sản Hạ Long",
    "Thức ăn Chăn nuôi Kiến An",
    "Bao bì Hồng Bàng",
    "Thép Hải Phòng Xanh",
    "Dược liệu Bắc Bộ",
    "Cơ điện An Lão",
    "Nuôi biển Long Châu",
    "Phần mềm Ngô Quyền",
    "Tự động hóa Nam Triệu",
    "Cảng cạn Tràng Duệ",
    "Vận tải Biển Đông Bắc",
    "Rau sạch Đa Phúc",
    "Mỹ phẩm Ngọc Biển",
    "Điện lạnh Tân Vũ",
    "Thiết bị An toàn Hòa Bình",
    "Nước sạch Bạch Long Vĩ",
]
VN_PROVINCES = ["Hải Phòng"] * 6 + ["Quảng Ninh", "Hải Dương", "Thái Bình", "Hà Nội"]
FOREIGN_NAMES = {
    "KR": [
        "Hanbit",
        "Daesung",
        "Cheongju",
        "Saemaul",
        "Haneul",
        "Bomi",
        "Jinseong",
        "Mirae",
        "Seorak",
        "Gaon",
        "Nuri",
        "Hanul",
    ],
    "TW": [
        "Formosa",
        "Hsinchu",
        "Tainan",
        "Jade Mountain",
        "Kaohsiung",
        "Yilan",
        "Penghu",
        "Changhua",
        "Taichung",
    ],
    "JP": ["Shizuoka", "Kansai", "Hokuriku", "Setouchi", "Tohoku", "Kyushu", "Sakura"],
    "CA": ["Maple", "Laurentian", "Fraser", "Prairie", "Atlantic", "Cascadia"],
    "IL": ["Negev", "Galilee", "Carmel", "Arava"],
    "NL": ["Delta", "Zeeland", "Rijnmond", "Wadden"],
}
FOREIGN_SUFFIXES = {
    "KR": ["Tech Co., Ltd.", "Bio Inc.", "Energy Co.", "Industrial Co., Ltd.", "Solutions Inc."],
    "TW": ["Technology Corp.", "Aquatech Co., Ltd.", "Precision Co., Ltd.", "Biotech Inc."],
    "JP": ["Kogyo K.K.", "Engineering Co., Ltd.", "Systems Inc."],
    "CA": ["Technologies Inc.", "Cleantech Ltd.", "Innovations Inc."],
    "IL": ["Water Technologies Ltd.", "AgriTech Ltd.", "Cyber Ltd."],
    "NL": ["Water B.V.", "Agro B.V.", "Engineering B.V."],
}
# Sectors each foreign supplier country is known for in the articles and in practice.
COUNTRY_SECTORS = {
    "KR": ["BIO.PHA", "SAF.OHS", "ENE.SOL", "ENE.WIN", "AGR.CRP", "ENV.WST", "SEM.ELC", "MFG.ROB"],
    "TW": [
        "AQU.SEE",
        "AQU.FAR",
        "AQU.FEE",
        "AQU.HLT",
        "SEM.FAB",
        "SEM.EQP",
        "ICT.IOT",
        "BIO.IND",
        "AGR.MAC",
        "AGR.FOD",
        "MFG.TOO",
    ],
    "JP": ["MFG.MAC", "MFG.ROB", "ENE.EFF", "AGR.PHT", "CON.SMC", "BIO.MED"],
    "CA": ["ENV.CLI", "ENE.STO", "ENE.HYD", "ICT.SEC", "ICT.AI", "EDU.TEC"],
    "IL": ["ENV.WAT", "AGR.CRP", "ICT.SEC", "AQU.FAR"],
    "NL": ["ENV.WAT", "MAR.PRT", "AGR.CRP", "MAR.LOG"],
}

# Agreements the articles report, keyed by (partner key, kind).
AGREEMENTS = [
    dict(
        key=("cabc", "loi"),
        title="Ý định thư hợp tác giữa Sở KH&CN Hải Phòng và CABC",
        title_en="Letter of intent between the Hai Phong DOST and the Canada-ASEAN Business Council",
        kind="loi",
        status="signed",
        signed_on=date(2024, 10, 14),
        summary="Khởi đầu thảo luận về hợp tác kinh tế, chuyển giao công nghệ, nghiên cứu khoa học và đổi mới sáng tạo; "
        "hai bên tiếp tục xây dựng bản ghi nhớ (MOU) dự kiến triển khai năm 2025.",
        sectors=["ENV.CLI", "ENE.EFF", "EDU.VOC", "ICT.SEC"],
    ),
    dict(
        key=("cabc", "mou"),
        title="Bản ghi nhớ hợp tác Hải Phòng – CABC",
        title_en="Memorandum of understanding between Hai Phong DOST and CABC",
        kind="mou",
        status="negotiating",
        expected_on=date(2025, 6, 30),
        follows=("cabc", "loi"),
        summary="Mục tiêu cụ thể về ươm tạo khởi nghiệp, kết nối cung cầu công nghệ, đào tạo và an ninh mạng.",
        sectors=["ENV.CLI", "EDU.VOC", "ICT.SEC"],
    ),
    dict(
        key=("cbtp", "cooperation"),
        title="Thỏa thuận hợp tác với Công viên công nghệ Chungbuk",
        title_en="Cooperation agreement with Chungbuk Technopark",
        kind="cooperation",
        status="active",
        signed_on=date(2023, 12, 15),
        starts_on=date(2023, 12, 15),
        ends_on=date(2028, 12, 14),
        summary="Xúc tiến kết nối cung cầu, chuyển giao KHCN và đổi mới sáng tạo; công nghệ xanh, công nghệ cao.",
        sectors=["SEM.FAB", "ENE.SOL", "AGR.CRP", "BIO.PHA"],
    ),
    dict(
        key=("jeonnam", "cooperation"),
        title="Thỏa thuận hợp tác hữu nghị về KH&CN trong lĩnh vực nông nghiệp, năng lượng tái tạo",
        title_en="Friendship agreement on science and technology in agriculture and renewable energy",
        kind="cooperation",
        status="active",
        signed_on=date(2023, 7, 27),
        starts_on=date(2023, 7, 27),
        ends_on=date(2028, 7, 26),
        summary="Năng lượng tái tạo, điện mặt trời, điện gió, nông nghiệp công nghệ cao, trang trại thông minh, "
        "kinh tế tuần hoàn và đào tạo nhân lực công nghệ cao.",
        sectors=["ENE.SOL", "ENE.WIN", "AGR.CRP", "ENV.WST", "EDU.VOC"],
    ),
]
