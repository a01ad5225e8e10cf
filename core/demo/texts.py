"""Technology texts for the demo: offers and needs per sector leaf, in Vietnamese and English.

Each entry is (Vietnamese title, English title, Vietnamese summary, English summary, keywords).
Generated records combine an entry with a variant so that thousands of them still read naturally.
"""

OFFERS: dict[str, list[tuple[str, str, str, str, list[str]]]] = {
    "AGR.CRP": [
        (
            "Nhà kính thông minh điều khiển khí hậu tự động",
            "Smart greenhouse with automatic climate control",
            "Cảm biến nhiệt độ, độ ẩm, CO2 và hệ thống tưới nhỏ giọt điều khiển qua điện thoại cho rau và hoa.",
            "Temperature, humidity and CO2 sensors with drip irrigation controlled from a phone, for vegetables and flowers.",
            ["nhà kính", "greenhouse", "tưới nhỏ giọt", "drip irrigation", "smart farm"],
        ),
        (
            "Giống lúa chịu mặn năng suất cao",
            "High-yield salt-tolerant rice varieties",
            "Bộ giống lúa chịu mặn 4‰, thời gian sinh trưởng ngắn, phù hợp vùng ven biển.",
            "Rice varieties tolerating 4‰ salinity with a short growing season, suited to coastal land.",
            ["lúa chịu mặn", "salt-tolerant rice", "seed", "coastal farming"],
        ),
    ],
    "AGR.LIV": [
        (
            "Vắc-xin phòng dịch tả lợn châu Phi dạng nhược độc",
            "Live attenuated African swine fever vaccine",
            "Vắc-xin đã thử nghiệm thực địa, bảo hộ trên 90% đàn lợn sau một liều.",
            "Field-tested vaccine protecting over 90% of pigs after a single dose.",
            ["vắc-xin", "vaccine", "dịch tả lợn", "swine fever", "veterinary"],
        ),
        (
            "Hệ thống xử lý chất thải chăn nuôi thành phân hữu cơ",
            "Livestock manure to organic fertiliser system",
            "Ủ hiếu khí nhanh 21 ngày, khử mùi bằng chế phẩm vi sinh, công suất 10 tấn/ngày.",
            "Fast 21-day aerobic composting with microbial odour control, 10 tonnes a day.",
            ["phân hữu cơ", "organic fertiliser", "compost", "manure", "vi sinh"],
        ),
    ],
    "AGR.MAC": [
        (
            "Máy cấy lúa tự hành 6 hàng",
            "Six-row self-propelled rice transplanter",
            "Máy cấy tự hành, năng suất 0,3 ha/giờ, tiết kiệm 70% nhân công.",
            "Self-propelled transplanter planting 0.3 ha an hour, saving 70% of labour.",
            ["máy cấy", "rice transplanter", "cơ giới hóa", "mechanisation"],
        ),
        (
            "Thiết bị bay không người lái phun thuốc bảo vệ thực vật",
            "Crop-spraying agricultural drone",
            "Drone phun 10 lít, bản đồ hóa ruộng tự động, giảm 30% lượng thuốc.",
            "10-litre spraying drone with automatic field mapping, cutting pesticide use by 30%.",
            ["drone", "máy bay không người lái", "phun thuốc", "spraying", "precision agriculture"],
        ),
    ],
    "AGR.FOD": [
        (
            "Công nghệ sấy lạnh trái cây giữ nguyên màu và vitamin",
            "Freeze-drying of fruit keeping colour and vitamins",
            "Dây chuyền sấy thăng hoa công suất 500 kg/mẻ cho vải, nhãn, thanh long.",
            "Freeze-drying line of 500 kg per batch for lychee, longan and dragon fruit.",
            ["sấy lạnh", "freeze drying", "trái cây", "fruit", "chế biến"],
        ),
        (
            "Chế phẩm bảo quản thực phẩm từ chitosan",
            "Chitosan-based natural food preservative",
            "Màng phủ chitosan kéo dài thời gian bảo quản hải sản và rau quả thêm 7 ngày.",
            "Chitosan coating extending the shelf life of seafood and produce by 7 days.",
            ["chitosan", "bảo quản", "preservation", "shelf life", "food safety"],
        ),
    ],
    "AGR.PHT": [
        (
            "Kho lạnh năng lượng mặt trời cho hợp tác xã",
            "Solar-powered cold room for cooperatives",
            "Kho lạnh 20 m³ chạy điện mặt trời, giám sát nhiệt độ từ xa.",
            "A 20 m³ solar cold room with remote temperature monitoring.",
            ["kho lạnh", "cold storage", "chuỗi lạnh", "cold chain", "solar"],
        ),
        (
            "Hệ thống truy xuất nguồn gốc nông sản bằng mã QR",
            "QR-code traceability for farm produce",
            "Phần mềm truy xuất kết nối Cổng truy xuất nguồn gốc quốc gia.",
            "Traceability software linked to the national traceability portal.",
            ["truy xuất nguồn gốc", "traceability", "QR", "nông sản"],
        ),
    ],
    "AQU.FAR": [
        (
            "Hệ thống nuôi tôm tuần hoàn (RAS) trong nhà",
            "Indoor recirculating aquaculture system (RAS) for shrimp",
            "Nuôi tôm thẻ chân trắng mật độ cao, tái sử dụng 95% nước, không xả thải ra môi trường.",
            "High-density whiteleg shrimp farming reusing 95% of the water, with no discharge.",
            ["RAS", "tuần hoàn", "nuôi tôm", "recirculating", "shrimp"],
        ),
        (
            "Lồng nuôi cá biển chịu bão bằng nhựa HDPE",
            "Storm-resistant HDPE sea cages for fish farming",
            "Lồng tròn HDPE đường kính 20 m chịu sóng cấp 12, phù hợp vịnh Lan Hạ, Cát Bà.",
            "20 m HDPE round cages withstanding force-12 waves, suited to Lan Ha bay and Cat Ba.",
            ["lồng nuôi", "sea cage", "HDPE", "nuôi biển", "mariculture"],
        ),
    ],
    "AQU.SEE": [
        (
            "Công nghệ sản xuất giống cá mú (cá song) nhân tạo",
            "Hatchery technology for grouper fingerlings",
            "Quy trình sinh sản nhân tạo cá mú, tỷ lệ sống giai đoạn ương trên 20%.",
            "Artificial breeding of grouper with over 20% survival in the nursery stage.",
            ["cá giống", "fingerlings", "cá mú", "grouper", "hatchery"],
        ),
        (
            "Tôm bố mẹ sạch bệnh (SPF) chọn giống di truyền",
            "Genetically selected specific-pathogen-free shrimp broodstock",
            "Tôm bố mẹ SPF tăng trưởng nhanh, kháng bệnh đốm trắng.",
            "Fast-growing SPF broodstock resistant to white spot disease.",
            ["tôm bố mẹ", "broodstock", "SPF", "shrimp seed", "genetics"],
        ),
    ],
    "AQU.FEE": [
        (
            "Thức ăn tôm chứa probiotic tăng sức đề kháng",
            "Probiotic shrimp feed boosting immunity",
            "Thức ăn viên bổ sung Bacillus giúp giảm hệ số thức ăn xuống 1,1.",
            "Pelleted feed with Bacillus lowering the feed conversion ratio to 1.1.",
            ["thức ăn tôm", "shrimp feed", "probiotic", "FCR", "aquafeed"],
        ),
        (
            "Đạm côn trùng (ruồi lính đen) thay thế bột cá",
            "Black soldier fly protein replacing fishmeal",
            "Bột ấu trùng ruồi lính đen 45% đạm, nuôi trên phụ phẩm nông nghiệp.",
            "Black soldier fly larvae meal with 45% protein, reared on farm by-products.",
            ["ruồi lính đen", "black soldier fly", "insect protein", "fishmeal", "thức ăn"],
        ),
    ],
    "AQU.HLT": [
        (
            "Bộ xét nghiệm nhanh bệnh tôm tại ao",
            "Pond-side rapid test kits for shrimp diseases",
            "Phát hiện bệnh đốm trắng, hoại tử gan tụy cấp (AHPND) trong 30 phút bằng LAMP.",
            "Detects white spot and AHPND in 30 minutes with LAMP, at the pond.",
            ["xét nghiệm", "rapid test", "bệnh tôm", "shrimp disease", "LAMP"],
        ),
        (
            "Vắc-xin tiêm cho cá biển",
            "Injectable vaccines for marine fish",
            "Vắc-xin phòng bệnh do Vibrio và Streptococcus cho cá chẽm, cá mú.",
            "Vaccines against Vibrio and Streptococcus for barramundi and grouper.",
            ["vắc-xin cá", "fish vaccine", "Vibrio", "aquatic health"],
        ),
    ],
    "AQU.PRO": [
        (
            "Dây chuyền cấp đông IQF cho hải sản",
            "IQF freezing line for seafood",
            "Tủ đông siêu tốc IQF 1 tấn/giờ, tiết kiệm 25% điện năng.",
            "IQF tunnel freezer of 1 tonne an hour using 25% less power.",
            ["IQF", "cấp đông", "freezing", "hải sản", "seafood processing"],
        ),
        (
            "Thiết bị định vị và nhật ký khai thác điện tử cho tàu cá",
            "Vessel tracking and electronic fishing logbook",
            "Thiết bị giám sát hành trình đáp ứng quy định IUU, nhật ký khai thác điện tử.",
            "Vessel monitoring device meeting IUU rules with an electronic catch logbook.",
            ["tàu cá", "fishing vessel", "IUU", "VMS", "logbook"],
        ),
    ],
    "ENE.SOL": [
        (
            "Điện mặt trời mái nhà cho nhà xưởng",
            "Rooftop solar for factories",
            "Hệ thống điện mặt trời áp mái 1 MWp, tấm pin hiệu suất 22%, vận hành giám sát từ xa.",
            "1 MWp rooftop solar with 22%-efficient panels and remote monitoring.",
            ["điện mặt trời", "solar", "rooftop", "pin mặt trời", "photovoltaic"],
        ),
        (
            "Bơm nước năng lượng mặt trời cho nông nghiệp",
            "Solar water pumps for irrigation",
            "Bơm chạy trực tiếp từ tấm pin, không cần ắc quy, lưu lượng 30 m³/giờ.",
            "Pumps running directly from panels without batteries, 30 m³ an hour.",
            ["bơm nước", "solar pump", "tưới tiêu", "irrigation", "renewable energy"],
        ),
    ],
    "ENE.WIN": [
        (
            "Tuabin gió cỡ nhỏ cho đảo và vùng ven biển",
            "Small wind turbines for islands and coasts",
            "Tuabin 5–20 kW chịu bão, kết hợp lưu trữ cho lưới điện độc lập.",
            "5–20 kW storm-proof turbines combined with storage for off-grid systems.",
            ["điện gió", "wind turbine", "hải đảo", "off-grid", "renewable energy"],
        ),
        (
            "Dịch vụ đo gió và thiết kế trang trại điện gió ngoài khơi",
            "Wind measurement and offshore wind farm design",
            "Đo gió bằng LiDAR nổi, đánh giá tài nguyên và thiết kế móng tuabin.",
            "Floating LiDAR wind measurement, resource assessment and foundation design.",
            ["điện gió ngoài khơi", "offshore wind", "LiDAR", "wind farm"],
        ),
    ],
    "ENE.BIO": [
        (
            "Hầm biogas composite cho trang trại",
            "Composite biogas digesters for farms",
            "Hầm biogas lắp ghép 10–50 m³, phát điện từ khí sinh học.",
            "Prefabricated 10–50 m³ digesters generating power from biogas.",
            ["biogas", "khí sinh học", "digester", "chất thải chăn nuôi"],
        ),
        (
            "Lò hơi đốt trấu và sinh khối",
            "Rice-husk and biomass boilers",
            "Lò hơi tầng sôi 5 tấn hơi/giờ đốt trấu, mùn cưa, giảm 40% chi phí nhiên liệu.",
            "5 t/h fluidised-bed boilers burning husk and sawdust, cutting fuel cost by 40%.",
            ["lò hơi", "boiler", "sinh khối", "biomass", "trấu"],
        ),
    ],
    "ENE.STO": [
        (
            "Hệ thống lưu trữ năng lượng bằng pin lithium sắt phốt phát",
            "LFP battery energy storage systems",
            "Tủ pin LFP 200 kWh cho nhà máy, cắt đỉnh phụ tải và dự phòng.",
            "200 kWh LFP battery cabinets for factories: peak shaving and backup.",
            ["lưu trữ năng lượng", "energy storage", "pin lithium", "battery", "BESS"],
        ),
        (
            "Tái chế pin xe điện",
            "Electric-vehicle battery recycling",
            "Thu hồi lithium, coban, niken từ pin đã qua sử dụng bằng thủy luyện.",
            "Hydrometallurgical recovery of lithium, cobalt and nickel from used batteries.",
            ["tái chế pin", "battery recycling", "lithium", "xe điện"],
        ),
    ],
    "ENE.EFF": [
        (
            "Kiểm toán năng lượng và hệ thống quản lý năng lượng ISO 50001",
            "Energy audits and ISO 50001 energy management",
            "Đo đạc, kiểm toán và phần mềm giám sát năng lượng theo thời gian thực cho nhà máy.",
            "Metering, audits and real-time energy monitoring software for plants.",
            ["tiết kiệm năng lượng", "energy efficiency", "ISO 50001", "kiểm toán năng lượng"],
        ),
        (
            "Biến tần và động cơ hiệu suất cao IE4",
            "Variable-speed drives and IE4 motors",
            "Thay động cơ cũ bằng động cơ IE4 và biến tần, tiết kiệm 20–35% điện.",
            "IE4 motors and drives replacing old motors, saving 20–35% of electricity.",
            ["biến tần", "VFD", "động cơ", "motor", "energy saving"],
        ),
    ],
    "ENE.HYD": [
        (
            "Thiết bị điện phân sản xuất hydro xanh",
            "Green hydrogen electrolysers",
            "Máy điện phân PEM 1 MW chạy bằng điện tái tạo.",
            "1 MW PEM electrolysers running on renewable power.",
            ["hydro xanh", "green hydrogen", "electrolyser", "điện phân"],
        ),
    ],
    "SEM.DES": [
        (
            "Dịch vụ thiết kế vi mạch tích hợp cho IoT",
            "Integrated circuit design services for IoT",
            "Thiết kế ASIC công suất thấp, IP Bluetooth LE, hỗ trợ tape-out.",
            "Low-power ASIC design, Bluetooth LE IP and tape-out support.",
            ["thiết kế vi mạch", "chip design", "ASIC", "IC design", "semiconductor"],
        ),
        (
            "Đào tạo kỹ sư thiết kế vi mạch",
            "Training for IC design engineers",
            "Khóa đào tạo 6 tháng với công cụ EDA thương mại và dự án thực tế.",
            "Six-month course with commercial EDA tools and real projects.",
            ["đào tạo", "training", "vi mạch", "EDA", "semiconductor"],
        ),
    ],
    "SEM.FAB": [
        (
            "Dây chuyền đóng gói và kiểm thử chip (OSAT)",
            "Chip packaging and test line (OSAT)",
            "Thiết bị đóng gói QFN, BGA và kiểm thử cuối, chuyển giao quy trình.",
            "QFN and BGA packaging and final test equipment with process transfer.",
            ["đóng gói chip", "packaging", "OSAT", "semiconductor", "kiểm thử"],
        ),
    ],
    "SEM.EQP": [
        (
            "Hóa chất siêu sạch cho sản xuất bán dẫn",
            "Ultra-pure chemicals for semiconductor fabs",
            "Axit và dung môi độ tinh khiết ppt, hệ thống cấp hóa chất tự động.",
            "Acids and solvents at ppt purity with automatic chemical delivery.",
            ["hóa chất", "chemicals", "ultra-pure", "bán dẫn", "semiconductor materials"],
        ),
        (
            "Phòng sạch module cho nhà máy điện tử",
            "Modular cleanrooms for electronics plants",
            "Phòng sạch ISO 5–7 lắp ghép, lọc HEPA, giám sát hạt bụi.",
            "Prefabricated ISO 5–7 cleanrooms with HEPA filtration and particle monitoring.",
            ["phòng sạch", "cleanroom", "HEPA", "electronics"],
        ),
    ],
    "SEM.ELC": [
        (
            "Dây chuyền lắp ráp bo mạch SMT",
            "SMT circuit-board assembly line",
            "Máy gắp đặt linh kiện tốc độ cao, lò hàn reflow và kiểm tra quang học AOI.",
            "High-speed pick-and-place, reflow ovens and AOI optical inspection.",
            ["SMT", "mạch in", "PCB", "lắp ráp", "electronics manufacturing"],
        ),
    ],
    "ICT.IOT": [
        (
            "Nền tảng IoT giám sát chất lượng nước ao nuôi",
            "IoT platform for pond water-quality monitoring",
            "Cảm biến oxy hòa tan, pH, nhiệt độ gửi cảnh báo qua điện thoại, tự bật máy sục khí.",
            "Dissolved-oxygen, pH and temperature sensors with phone alerts and automatic aerators.",
            ["IoT", "cảm biến", "sensor", "giám sát nước", "aquaculture"],
        ),
        (
            "Hệ thống giám sát máy móc nhà xưởng qua IoT",
            "IoT machine monitoring for factories",
            "Thu thập dữ liệu máy CNC, cảnh báo hỏng hóc, tính hiệu suất OEE.",
            "Collects CNC machine data, warns of failures and computes OEE.",
            ["IoT", "OEE", "giám sát máy", "predictive maintenance", "industry 4.0"],
        ),
    ],
    "ICT.AI": [
        (
            "Camera AI kiểm tra lỗi sản phẩm trên dây chuyền",
            "AI cameras for inline defect inspection",
            "Học sâu phát hiện lỗi bề mặt, độ chính xác 99%, tích hợp PLC.",
            "Deep learning spotting surface defects with 99% accuracy, PLC integration.",
            ["trí tuệ nhân tạo", "AI", "machine vision", "kiểm tra lỗi", "deep learning"],
        ),
        (
            "Chatbot tiếng Việt cho chăm sóc khách hàng",
            "Vietnamese-language customer service chatbot",
            "Mô hình ngôn ngữ tiếng Việt tích hợp Zalo, website và tổng đài.",
            "Vietnamese language model integrated with Zalo, websites and call centres.",
            ["chatbot", "AI", "NLP", "tiếng Việt", "customer service"],
        ),
    ],
    "ICT.SEC": [
        (
            "Trung tâm giám sát an ninh mạng (SOC) dịch vụ",
            "Managed security operations centre (SOC)",
            "Giám sát 24/7, phát hiện và ứng cứu sự cố cho doanh nghiệp vừa và nhỏ.",
            "24/7 monitoring, detection and incident response for SMEs.",
            ["an ninh mạng", "cybersecurity", "SOC", "SIEM", "incident response"],
        ),
        (
            "Giải pháp bảo mật cho hệ thống điều khiển công nghiệp",
            "Security for industrial control systems",
            "Tường lửa OT, giám sát giao thức Modbus, bảo vệ SCADA.",
            "OT firewalls, Modbus protocol monitoring and SCADA protection.",
            ["OT security", "SCADA", "an ninh mạng", "ICS", "cybersecurity"],
        ),
    ],
    "ICT.SW": [
        (
            "Phần mềm ERP cho doanh nghiệp sản xuất nhỏ",
            "ERP for small manufacturers",
            "Quản lý kho, sản xuất, bán hàng, kế toán trên nền tảng đám mây.",
            "Cloud inventory, production, sales and accounting management.",
            ["ERP", "chuyển đổi số", "digital transformation", "phần mềm", "cloud"],
        ),
        (
            "Hệ thống quản lý kho thông minh (WMS)",
            "Smart warehouse management system (WMS)",
            "Quét mã vạch, tối ưu vị trí lưu kho, kết nối xe nâng tự hành.",
            "Barcode scanning, slotting optimisation and autonomous forklift integration.",
            ["WMS", "quản lý kho", "warehouse", "logistics", "barcode"],
        ),
    ],
    "ICT.TEL": [
        (
            "Mạng 5G riêng cho khu công nghiệp",
            "Private 5G networks for industrial parks",
            "Thiết kế và triển khai mạng 5G riêng cho nhà máy và cảng.",
            "Design and roll-out of private 5G for plants and ports.",
            ["5G", "viễn thông", "private network", "telecommunications"],
        ),
    ],
    "MFG.ROB": [
        (
            "Robot hàn tự động cho kết cấu thép",
            "Automatic welding robots for steel structures",
            "Robot hàn 6 trục với cảm biến dò đường hàn, tăng năng suất 3 lần.",
            "Six-axis welding robots with seam tracking, tripling productivity.",
            ["robot hàn", "welding robot", "tự động hóa", "automation", "steel"],
        ),
        (
            "Robot cộng tác (cobot) cho đóng gói",
            "Collaborative robots for packing",
            "Cobot tải 10 kg, lập trình kéo thả, an toàn làm việc cạnh người.",
            "10 kg payload cobots with drag-and-drop programming, safe beside workers.",
            ["cobot", "robot", "đóng gói", "packing", "automation"],
        ),
    ],
    "MFG.MAC": [
        (
            "Máy phay CNC 5 trục",
            "Five-axis CNC milling machines",
            "Gia công khuôn mẫu chính xác ±5 µm, chuyển giao quy trình vận hành.",
            "Mould machining to ±5 µm with operating process transfer.",
            ["CNC", "máy phay", "gia công chính xác", "precision machining", "khuôn mẫu"],
        ),
    ],
    "MFG.MAT": [
        (
            "Vật liệu composite sợi carbon cho vỏ tàu",
            "Carbon-fibre composites for boat hulls",
            "Vỏ tàu composite nhẹ hơn 40%, chống ăn mòn nước biển.",
            "Composite hulls 40% lighter and resistant to seawater corrosion.",
            ["composite", "sợi carbon", "carbon fibre", "vật liệu mới", "boat"],
        ),
        (
            "Lớp phủ nano chống ăn mòn kim loại",
            "Nano-coatings against metal corrosion",
            "Lớp phủ nano bảo vệ thép trong môi trường biển trên 15 năm.",
            "Nano-coatings protecting steel in marine environments for over 15 years.",
            ["chống ăn mòn", "anti-corrosion", "nano coating", "vật liệu"],
        ),
    ],
    "MFG.TOO": [
        (
            "Dụng cụ cắt gọt hợp kim cứng",
            "Carbide cutting tools",
            "Mũi khoan, dao phay hợp kim cứng phủ TiAlN, tuổi bền gấp đôi.",
            "TiAlN-coated carbide drills and end mills lasting twice as long.",
            ["dụng cụ cắt", "cutting tools", "hợp kim cứng", "carbide"],
        ),
        (
            "Thiết bị đo kiểm 3D cầm tay",
            "Handheld 3D measuring scanners",
            "Máy quét 3D laser cầm tay, độ chính xác 0,02 mm cho kiểm tra chất lượng.",
            "Handheld 3D laser scanners accurate to 0.02 mm for quality control.",
            ["máy quét 3D", "3D scanner", "đo kiểm", "metrology", "quality control"],
        ),
    ],
    "BIO.IND": [
        (
            "Chế phẩm vi sinh xử lý đáy ao nuôi",
            "Microbial products for pond-bottom treatment",
            "Vi sinh phân hủy bùn đáy, giảm khí độc NH3 và H2S trong ao tôm.",
            "Microbes breaking down sludge and reducing NH3 and H2S in shrimp ponds.",
            [
                "chế phẩm vi sinh",
                "probiotics",
                "xử lý đáy ao",
                "công nghệ sinh học",
                "biotechnology",
            ],
        ),
        (
            "Công nghệ lên men sản xuất enzyme công nghiệp",
            "Fermentation for industrial enzymes",
            "Lên men chìm sản xuất enzyme cellulase và protease cho thức ăn chăn nuôi.",
            "Submerged fermentation of cellulase and protease for animal feed.",
            ["lên men", "fermentation", "enzyme", "biotechnology"],
        ),
    ],
    "BIO.MED": [
        (
            "Máy siêu âm cầm tay kết nối điện thoại",
            "Handheld ultrasound connected to a phone",
            "Thiết bị siêu âm bỏ túi cho trạm y tế xã, chẩn đoán từ xa.",
            "Pocket ultrasound for commune health stations with remote diagnosis.",
            ["thiết bị y tế", "medical device", "siêu âm", "ultrasound", "telemedicine"],
        ),
    ],
    "BIO.PHA": [
        (
            "Mỹ phẩm thiên nhiên từ rong biển và tảo",
            "Natural cosmetics from seaweed and algae",
            "Chiết xuất fucoidan và collagen từ rong biển cho kem dưỡng da.",
            "Fucoidan and collagen extracted from seaweed for skin creams.",
            ["mỹ phẩm", "cosmetics", "rong biển", "seaweed", "collagen"],
        ),
        (
            "Công nghệ bào chế mỹ phẩm K-beauty",
            "K-beauty cosmetic formulation technology",
            "Quy trình bào chế serum, mặt nạ giấy đạt chuẩn CGMP.",
            "Formulation of serums and sheet masks to CGMP standards.",
            ["mỹ phẩm", "cosmetics", "K-beauty", "serum", "CGMP"],
        ),
    ],
    "BIO.DIA": [
        (
            "Bộ kit PCR chẩn đoán bệnh truyền nhiễm",
            "PCR kits for infectious disease diagnosis",
            "Kit real-time PCR đa mồi, kết quả trong 90 phút.",
            "Multiplex real-time PCR kits with results in 90 minutes.",
            ["PCR", "chẩn đoán", "diagnostics", "kit xét nghiệm"],
        ),
    ],
    "ENV.WAT": [
        (
            "Xử lý nước thải nuôi tôm bằng công nghệ sinh học và lọc màng",
            "Shrimp-farm wastewater treatment with biofilters and membranes",
            "Xử lý nước thải ao nuôi tôm đạt QCVN trước khi xả, tuần hoàn lại nước cho ao.",
            "Treats shrimp-pond effluent to national standards before discharge and recycles water.",
            ["xử lý nước thải", "wastewater", "ao tôm", "biofilter", "membrane"],
        ),
        (
            "Hệ thống khử mặn nước biển năng lượng thấp",
            "Low-energy seawater desalination",
            "Thẩm thấu ngược thu hồi năng lượng, 3 kWh/m³, cho đảo Bạch Long Vĩ, Cát Hải.",
            "Energy-recovery reverse osmosis at 3 kWh/m³ for islands.",
            ["khử mặn", "desalination", "RO", "nước sạch", "island"],
        ),
        (
            "Trạm xử lý nước thải công nghiệp MBR",
            "MBR industrial wastewater treatment plants",
            "Bể phản ứng sinh học màng cho khu công nghiệp, công suất 500–5.000 m³/ngày.",
            "Membrane bioreactors for industrial parks, 500–5,000 m³ a day.",
            ["MBR", "xử lý nước thải", "industrial wastewater", "khu công nghiệp"],
        ),
    ],
    "ENV.WST": [
        (
            "Tái chế nhựa thải thành hạt nhựa",
            "Plastic waste to recycled pellets",
            "Dây chuyền rửa, nghiền, tạo hạt nhựa PET và HDPE 1 tấn/giờ.",
            "Washing, shredding and pelletising of PET and HDPE at 1 tonne an hour.",
            ["tái chế nhựa", "plastic recycling", "circular economy", "kinh tế tuần hoàn"],
        ),
        (
            "Lò đốt rác phát điện cỡ nhỏ",
            "Small waste-to-energy incinerators",
            "Lò đốt 100 tấn/ngày phát điện, xử lý khí thải đạt chuẩn EU.",
            "100 t/day incinerators generating power with EU-grade flue-gas cleaning.",
            ["rác thải", "waste-to-energy", "đốt rác", "incineration"],
        ),
    ],
    "ENV.AIR": [
        (
            "Hệ thống quan trắc khí thải tự động liên tục",
            "Continuous emissions monitoring systems",
            "Đo bụi, SO2, NOx tại ống khói, truyền dữ liệu về Sở Tài nguyên và Môi trường.",
            "Stack monitoring of dust, SO2 and NOx with data sent to the environment authority.",
            ["quan trắc khí thải", "CEMS", "emissions", "air quality"],
        ),
    ],
    "ENV.CLI": [
        (
            "Bản đồ nguy cơ ngập lụt đô thị bằng dữ liệu vệ tinh",
            "Urban flood-risk maps from satellite data",
            "Mô hình ngập và cảnh báo sớm cho thành phố ven biển.",
            "Flood modelling and early warning for coastal cities.",
            ["biến đổi khí hậu", "climate adaptation", "ngập lụt", "flood", "satellite"],
        ),
    ],
    "MAR.PRT": [
        (
            "Hệ thống điều hành cảng container thông minh",
            "Smart container terminal operating system",
            "Tối ưu bãi container, lịch cẩu, cổng tự động nhận dạng biển số.",
            "Yard optimisation, crane scheduling and automatic gate plate recognition.",
            ["cảng biển", "port", "container terminal", "TOS", "logistics 4.0"],
        ),
    ],
    "MAR.SHP": [
        (
            "Công nghệ đóng tàu vỏ nhôm cao tốc",
            "High-speed aluminium boat building",
            "Thiết kế và đóng tàu nhôm 15–30 m cho du lịch và tuần tra.",
            "Design and building of 15–30 m aluminium boats for tourism and patrol.",
            ["đóng tàu", "shipbuilding", "tàu nhôm", "aluminium boat"],
        ),
        (
            "Hệ thống động lực điện – diesel lai cho tàu",
            "Hybrid diesel-electric propulsion for vessels",
            "Giảm 30% nhiên liệu cho tàu công tác và phà.",
            "Cuts fuel by 30% for work boats and ferries.",
            ["động lực tàu", "hybrid propulsion", "marine engineering", "tàu"],
        ),
    ],
    "MAR.LOG": [
        (
            "Nền tảng quản lý vận tải và theo dõi container",
            "Transport management and container tracking",
            "Theo dõi GPS, tối ưu tuyến xe, chứng từ điện tử cho logistics.",
            "GPS tracking, route optimisation and electronic documents for logistics.",
            ["logistics", "TMS", "container", "theo dõi", "supply chain"],
        ),
    ],
    "MAR.OCE": [
        (
            "Phao quan trắc môi trường biển tự động",
            "Autonomous ocean monitoring buoys",
            "Đo sóng, dòng chảy, độ mặn, tảo độc, truyền dữ liệu vệ tinh.",
            "Measures waves, currents, salinity and harmful algae with satellite data links.",
            ["quan trắc biển", "ocean monitoring", "buoy", "khoa học biển", "marine science"],
        ),
    ],
    "CON.MAT": [
        (
            "Gạch không nung từ tro xỉ nhiệt điện",
            "Unfired bricks from power-plant ash",
            "Dây chuyền gạch không nung sử dụng 60% tro xỉ.",
            "Unfired brick line using 60% fly ash and slag.",
            ["gạch không nung", "unfired brick", "tro xỉ", "fly ash", "building materials"],
        ),
    ],
    "CON.SMC": [
        (
            "Hệ thống đèn đường thông minh",
            "Smart street lighting",
            "Đèn LED điều khiển từ xa, giảm 60% điện chiếu sáng công cộng.",
            "Remotely controlled LED streetlights cutting public lighting power by 60%.",
            ["đô thị thông minh", "smart city", "đèn LED", "street lighting"],
        ),
    ],
    "SAF.OHS": [
        (
            "Thiết bị bảo hộ lao động thông minh",
            "Smart personal protective equipment",
            "Mũ bảo hộ gắn cảm biến té ngã, khí độc, định vị công nhân.",
            "Helmets with fall, toxic-gas and location sensors for workers.",
            ["bảo hộ lao động", "PPE", "thiết bị an toàn", "safety equipment", "wearable"],
        ),
    ],
    "SAF.FIR": [
        (
            "Hệ thống báo cháy không dây",
            "Wireless fire alarm systems",
            "Đầu báo khói không dây kết nối trung tâm, lắp nhanh cho nhà xưởng cũ.",
            "Wireless smoke detectors linked to a control centre, quick to fit in old plants.",
            ["báo cháy", "fire alarm", "phòng cháy chữa cháy", "fire safety"],
        ),
    ],
    "EDU.VOC": [
        (
            "Chương trình đào tạo kỹ thuật viên cơ điện tử",
            "Mechatronics technician training programme",
            "Chương trình kép nhà trường – doanh nghiệp theo chuẩn Đức.",
            "Dual school-and-company programme to German standards.",
            ["đào tạo nghề", "vocational training", "cơ điện tử", "mechatronics"],
        ),
    ],
    "EDU.TEC": [
        (
            "Phòng thí nghiệm thực tế ảo cho trường kỹ thuật",
            "Virtual-reality labs for technical schools",
            "Mô phỏng vận hành máy móc và an toàn lao động bằng VR.",
            "VR simulation of machine operation and workplace safety.",
            ["thực tế ảo", "VR", "edtech", "giáo dục", "training"],
        ),
    ],
}

NEEDS: dict[str, list[tuple[str, str, str, str, list[str]]]] = {
    "AQU.FAR": [
        (
            "Cần công nghệ nuôi tôm tuần hoàn tiết kiệm nước",
            "Water-saving recirculating shrimp farming wanted",
            "Trang trại 5 ha ở Tiên Lãng cần chuyển sang nuôi tôm mật độ cao, hạn chế thay nước và dịch bệnh.",
            "A 5 ha farm in Tien Lang wants high-density shrimp farming with less water exchange and disease.",
            ["nuôi tôm", "tuần hoàn", "RAS", "shrimp farming"],
        ),
        (
            "Tìm lồng nuôi cá biển chịu được bão",
            "Looking for storm-proof sea cages",
            "Hợp tác xã nuôi cá ở Cát Bà cần lồng bền, chịu sóng lớn thay lồng gỗ.",
            "A Cat Ba fish farming cooperative needs sturdy cages to replace wooden ones.",
            ["lồng nuôi cá", "sea cage", "nuôi biển", "Cát Bà"],
        ),
    ],
    "AQU.SEE": [
        (
            "Cần chuyển giao công nghệ sản xuất cá giống biển",
            "Marine fingerling hatchery technology wanted",
            "Trại giống muốn tự sản xuất cá mú, cá chẽm giống thay vì nhập khẩu.",
            "A hatchery wants to breed grouper and barramundi fingerlings instead of importing them.",
            ["cá giống", "fingerlings", "sản xuất giống", "hatchery"],
        ),
    ],
    "AQU.FEE": [
        (
            "Tìm nguồn đạm thay thế bột cá cho thức ăn thủy sản",
            "Alternative protein to fishmeal for aquafeed",
            "Nhà máy thức ăn cần nguồn đạm ổn định, giá thấp hơn bột cá nhập khẩu.",
            "A feed mill needs a steady protein source cheaper than imported fishmeal.",
            ["thức ăn thủy sản", "aquafeed", "đạm", "protein", "fishmeal"],
        ),
    ],
    "AQU.HLT": [
        (
            "Cần giải pháp phát hiện sớm bệnh tôm",
            "Early detection of shrimp diseases",
            "Vùng nuôi 200 ha cần xét nghiệm nhanh tại chỗ để xử lý kịp thời.",
            "A 200 ha farming area needs on-site rapid tests to act in time.",
            ["bệnh tôm", "xét nghiệm nhanh", "shrimp disease", "diagnosis"],
        ),
    ],
    "AQU.PRO": [
        (
            "Nâng cấp dây chuyền cấp đông hải sản xuất khẩu",
            "Upgrade of a seafood export freezing line",
            "Nhà máy chế biến cần cấp đông nhanh, tiết kiệm điện, đạt chuẩn xuất khẩu EU.",
            "A processing plant needs fast, energy-saving freezing meeting EU export rules.",
            ["cấp đông", "IQF", "chế biến hải sản", "seafood", "export"],
        ),
    ],
    "AGR.CRP": [
        (
            "Cần mô hình nhà màng trồng rau công nghệ cao",
            "High-tech greenhouse vegetable growing wanted",
            "Hợp tác xã ở An Lão muốn trồng dưa lưới, rau thủy canh trong nhà màng tự động.",
            "An An Lao cooperative wants automated greenhouses for melons and hydroponic greens.",
            ["nhà màng", "greenhouse", "thủy canh", "hydroponics", "nông nghiệp công nghệ cao"],
        ),
    ],
    "AGR.MAC": [
        (
            "Tìm máy cấy và máy gặt cho cánh đồng lớn",
            "Transplanters and harvesters for large fields",
            "Cần cơ giới hóa 300 ha lúa, thiếu lao động thời vụ.",
            "Needs to mechanise 300 ha of rice for lack of seasonal labour.",
            ["máy cấy", "máy gặt", "cơ giới hóa", "rice machinery"],
        ),
    ],
    "AGR.FOD": [
        (
            "Cần công nghệ chế biến sâu nông sản",
            "Deep processing of farm produce",
            "Doanh nghiệp muốn làm sản phẩm sấy, nước ép từ vải và cà rốt để tăng giá trị.",
            "A firm wants dried products and juices from lychee and carrot to add value.",
            ["chế biến", "sấy", "nước ép", "food processing"],
        ),
    ],
    "AGR.PHT": [
        (
            "Cần kho lạnh bảo quản nông sản sau thu hoạch",
            "Cold storage for harvested produce",
            "Hợp tác xã cần kho lạnh nhỏ, chi phí điện thấp, để giảm hao hụt rau quả.",
            "A cooperative needs a small, low-power cold room to cut produce losses.",
            ["kho lạnh", "cold storage", "sau thu hoạch", "post-harvest"],
        ),
    ],
    "ENE.SOL": [
        (
            "Lắp điện mặt trời mái nhà cho nhà xưởng 20.000 m²",
            "Rooftop solar for a 20,000 m² factory",
            "Nhà máy dệt may muốn giảm tiền điện và đáp ứng yêu cầu xanh của khách hàng.",
            "A garment plant wants lower power bills and to meet buyers' green requirements.",
            ["điện mặt trời", "rooftop solar", "tiết kiệm điện", "green factory"],
        ),
    ],
    "ENE.WIN": [
        (
            "Cần giải pháp điện gió cho đảo",
            "Wind power for an island",
            "Huyện đảo cần nguồn điện ổn định, kết hợp gió và lưu trữ.",
            "An island district needs steady power combining wind and storage.",
            ["điện gió", "wind power", "đảo", "island", "off-grid"],
        ),
    ],
    "ENE.BIO": [
        (
            "Xử lý chất thải chăn nuôi lợn thành năng lượng",
            "Pig-farm waste to energy",
            "Trang trại 5.000 lợn cần xử lý chất thải, tận dụng khí sinh học phát điện.",
            "A 5,000-pig farm must treat waste and generate power from biogas.",
            ["biogas", "chất thải chăn nuôi", "khí sinh học", "waste to energy"],
        ),
    ],
    "ENE.EFF": [
        (
            "Giảm tiêu thụ điện của dây chuyền sản xuất",
            "Cutting a production line's power use",
            "Nhà máy thép cần kiểm toán năng lượng và thay thiết bị tiết kiệm điện.",
            "A steel plant needs an energy audit and energy-saving equipment.",
            ["tiết kiệm năng lượng", "energy efficiency", "kiểm toán", "biến tần"],
        ),
    ],
    "ENE.STO": [
        (
            "Cần hệ thống lưu trữ điện cho nhà máy",
            "Battery storage for a factory",
            "Nhà máy muốn tích trữ điện mặt trời và cắt giảm phụ tải giờ cao điểm.",
            "A plant wants to store solar power and shave peak demand.",
            ["lưu trữ năng lượng", "battery storage", "pin", "peak shaving"],
        ),
    ],
    "SEM.ELC": [
        (
            "Tìm đối tác chuyển giao dây chuyền SMT",
            "Partner for an SMT line transfer",
            "Doanh nghiệp điện tử Hải Phòng muốn tự lắp ráp bo mạch thay vì gia công ngoài.",
            "A Hai Phong electronics firm wants to assemble boards in-house.",
            ["SMT", "lắp ráp bo mạch", "PCB", "điện tử"],
        ),
    ],
    "SEM.DES": [
        (
            "Cần đào tạo nhân lực thiết kế vi mạch",
            "IC design workforce training wanted",
            "Trường đại học cần hợp tác đào tạo kỹ sư thiết kế chip và công cụ EDA.",
            "A university seeks cooperation to train chip designers and access EDA tools.",
            ["vi mạch", "chip design", "đào tạo", "semiconductor"],
        ),
    ],
    "ICT.IOT": [
        (
            "Giám sát chất lượng nước ao nuôi từ xa",
            "Remote monitoring of pond water quality",
            "Chủ trang trại cần cảnh báo oxy thấp ban đêm qua điện thoại.",
            "A farm owner needs night-time low-oxygen alerts on the phone.",
            ["IoT", "cảm biến", "oxy hòa tan", "giám sát từ xa"],
        ),
    ],
    "ICT.AI": [
        (
            "Ứng dụng AI kiểm tra chất lượng sản phẩm",
            "AI for product quality inspection",
            "Nhà máy bao bì cần camera tự động phát hiện lỗi in ấn.",
            "A packaging plant needs cameras spotting print defects automatically.",
            ["AI", "kiểm tra chất lượng", "machine vision", "camera"],
        ),
    ],
    "ICT.SEC": [
        (
            "Cần dịch vụ giám sát an ninh mạng",
            "Cybersecurity monitoring service wanted",
            "Doanh nghiệp logistics bị tấn công mã độc tống tiền, cần giám sát 24/7.",
            "A logistics firm hit by ransomware needs 24/7 monitoring.",
            ["an ninh mạng", "cybersecurity", "ransomware", "SOC"],
        ),
    ],
    "ICT.SW": [
        (
            "Chuyển đổi số quản trị doanh nghiệp nhỏ",
            "Digital transformation for a small firm",
            "Cần phần mềm quản lý đơn hàng, kho và kế toán thay bảng tính.",
            "Needs order, stock and accounting software to replace spreadsheets.",
            ["chuyển đổi số", "ERP", "phần mềm quản lý", "digital transformation"],
        ),
    ],
    "MFG.ROB": [
        (
            "Tự động hóa công đoạn hàn kết cấu thép",
            "Automating structural steel welding",
            "Xưởng cơ khí thiếu thợ hàn lành nghề, cần robot hàn.",
            "A workshop short of skilled welders needs welding robots.",
            ["robot hàn", "tự động hóa", "welding", "cơ khí"],
        ),
    ],
    "MFG.MAC": [
        (
            "Nâng cấp máy gia công cơ khí chính xác",
            "Upgrading precision machining",
            "Doanh nghiệp khuôn mẫu cần máy CNC nhiều trục và đào tạo vận hành.",
            "A mould maker needs multi-axis CNC machines and operator training.",
            ["CNC", "khuôn mẫu", "gia công", "precision"],
        ),
    ],
    "MFG.MAT": [
        (
            "Chống ăn mòn cho kết cấu thép ven biển",
            "Corrosion protection for coastal steel",
            "Cảng và nhà xưởng ven biển cần lớp phủ bền trong môi trường muối.",
            "Port and coastal plants need coatings that last in salt air.",
            ["chống ăn mòn", "lớp phủ", "coating", "corrosion"],
        ),
    ],
    "BIO.PHA": [
        (
            "Phát triển dòng mỹ phẩm từ nguyên liệu biển",
            "Cosmetics from marine ingredients",
            "Doanh nghiệp muốn sản xuất mỹ phẩm từ rong biển Hải Phòng.",
            "A firm wants to make cosmetics from local seaweed.",
            ["mỹ phẩm", "rong biển", "cosmetics", "seaweed"],
        ),
    ],
    "BIO.IND": [
        (
            "Cần chế phẩm sinh học xử lý môi trường ao nuôi",
            "Biological products for pond environments",
            "Vùng nuôi tôm cần vi sinh giảm khí độc đáy ao, thay hóa chất.",
            "A shrimp area needs microbes to cut toxic gases instead of chemicals.",
            ["vi sinh", "chế phẩm sinh học", "probiotics", "ao nuôi"],
        ),
    ],
    "ENV.WAT": [
        (
            "Xử lý nước thải ao nuôi tôm trước khi xả ra sông",
            "Treating shrimp-pond wastewater before discharge",
            "Khu nuôi tôm 50 ha cần hệ thống xử lý nước thải đạt quy chuẩn, có thể tái sử dụng nước.",
            "A 50 ha shrimp area needs effluent treatment to standard, ideally reusing the water.",
            ["nước thải", "xử lý nước thải", "ao tôm", "wastewater"],
        ),
        (
            "Cần nước ngọt cho huyện đảo",
            "Fresh water for an island district",
            "Đảo thiếu nước ngọt mùa khô, cần công nghệ lọc nước biển chi phí thấp.",
            "The island lacks fresh water in the dry season and needs low-cost desalination.",
            ["nước ngọt", "khử mặn", "desalination", "island"],
        ),
    ],
    "ENV.WST": [
        (
            "Tái chế phế liệu nhựa của khu công nghiệp",
            "Recycling an industrial park's plastic scrap",
            "Khu công nghiệp thải 20 tấn nhựa/tháng, cần giải pháp tái chế tại chỗ.",
            "An industrial park discards 20 t of plastic a month and wants on-site recycling.",
            ["tái chế nhựa", "kinh tế tuần hoàn", "plastic recycling", "circular economy"],
        ),
    ],
    "ENV.AIR": [
        (
            "Lắp quan trắc khí thải tự động theo quy định",
            "Installing mandatory emissions monitoring",
            "Nhà máy xi măng phải lắp quan trắc khí thải liên tục, truyền dữ liệu về Sở.",
            "A cement plant must fit continuous emissions monitoring reporting to the authority.",
            ["quan trắc khí thải", "CEMS", "khí thải", "emissions"],
        ),
    ],
    "MAR.PRT": [
        (
            "Số hóa điều hành bãi container",
            "Digitalising container yard operations",
            "Cảng cạn cần phần mềm tối ưu bãi và cổng tự động.",
            "An inland container depot needs yard optimisation and automatic gates.",
            ["cảng", "container", "số hóa", "port operations"],
        ),
    ],
    "MAR.LOG": [
        (
            "Tối ưu vận tải hàng hóa từ cảng về kho",
            "Optimising port-to-warehouse trucking",
            "Doanh nghiệp vận tải 80 xe cần theo dõi GPS và điều phối tự động.",
            "An 80-truck haulier needs GPS tracking and automatic dispatch.",
            ["logistics", "vận tải", "GPS", "điều phối", "transport"],
        ),
    ],
    "MAR.SHP": [
        (
            "Giảm nhiên liệu cho đội tàu dịch vụ",
            "Cutting fuel for a service fleet",
            "Công ty vận tải thủy cần động cơ lai hoặc cải hoán tiết kiệm nhiên liệu.",
            "A water transport firm needs hybrid engines or fuel-saving retrofits.",
            ["tàu", "nhiên liệu", "hybrid", "cải hoán"],
        ),
    ],
    "MAR.OCE": [
        (
            "Quan trắc môi trường vịnh Lan Hạ",
            "Environmental monitoring of Lan Ha bay",
            "Cần hệ thống đo chất lượng nước biển tự động phục vụ nuôi trồng và du lịch.",
            "Needs automatic seawater quality monitoring for farming and tourism.",
            ["quan trắc", "nước biển", "ocean monitoring", "Lan Hạ"],
        ),
    ],
    "SAF.OHS": [
        (
            "Thiết bị an toàn cho công nhân nhà máy đóng tàu",
            "Safety equipment for shipyard workers",
            "Nhà máy đóng tàu cần thiết bị cảnh báo khí độc trong khoang kín.",
            "A shipyard needs toxic-gas warning devices for confined spaces.",
            ["an toàn lao động", "khí độc", "thiết bị an toàn", "safety"],
        ),
    ],
    "SAF.FIR": [
        (
            "Nâng cấp hệ thống báo cháy cho nhà xưởng cũ",
            "Upgrading fire alarms in an old plant",
            "Xưởng may cần báo cháy tự động lắp nhanh, không phải đục tường.",
            "A garment workshop needs automatic fire alarms fitted without cutting walls.",
            ["báo cháy", "phòng cháy", "fire alarm", "không dây"],
        ),
    ],
    "CON.MAT": [
        (
            "Sản xuất vật liệu xây dựng từ tro xỉ",
            "Building materials from ash and slag",
            "Nhà máy nhiệt điện cần tiêu thụ tro xỉ, tìm công nghệ gạch không nung.",
            "A power plant must use its ash and seeks unfired brick technology.",
            ["tro xỉ", "gạch không nung", "vật liệu xây dựng", "fly ash"],
        ),
    ],
    "CON.SMC": [
        (
            "Chiếu sáng công cộng tiết kiệm điện",
            "Energy-saving public lighting",
            "Quận cần đèn đường thông minh giảm chi phí điện.",
            "A district needs smart streetlights to cut power costs.",
            ["đèn đường", "đô thị thông minh", "LED", "smart city"],
        ),
    ],
    "EDU.VOC": [
        (
            "Hợp tác đào tạo nghề cơ điện tử",
            "Mechatronics vocational training partnership",
            "Trường cao đẳng cần chương trình và thiết bị đào tạo theo chuẩn quốc tế.",
            "A college needs an international-standard programme and equipment.",
            ["đào tạo nghề", "cơ điện tử", "vocational", "training"],
        ),
    ],
}

# Variants make generated titles differ while staying readable: (Vietnamese, English).
OFFER_VARIANTS = [
    ("", ""),
    (" cho doanh nghiệp nhỏ và vừa", " for SMEs"),
    (" thế hệ mới", ", new generation"),
    (" công suất lớn", ", large capacity"),
    (" dạng module", ", modular"),
    (" tích hợp điều khiển từ xa", " with remote control"),
    (" chi phí thấp", ", low cost"),
    (" cho vùng ven biển", " for coastal areas"),
]
NEED_VARIANTS = [
    ("", ""),
    (" (ưu tiên chuyển giao trọn gói)", " (turnkey preferred)"),
    (" trong năm nay", " this year"),
    (" cho cơ sở mới", " for a new site"),
    (" với ngân sách hạn chế", " on a limited budget"),
]
