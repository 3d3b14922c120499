"""The pools of India, China, the Arab world, Russia, Greece and Brazil (IN, CN, AE, SA, EG,
RU, GR, BR), in the order of :data:`goldenrecord.datasets._pools.COUNTRIES`.
"""

from __future__ import annotations

from goldenrecord.datasets._pool_types import (
    _DMY,
    _DOMAINS_INTL,
    Country,
    _city,
    _entries,
    _families,
)

_ARABIC_MALE = _entries(
    "محمد|Mohammed;Muhammad;Mohamed;Mohamad, أحمد|Ahmed;Ahmad, علي|Ali, عمر|Omar;Umar,"
    "خالد|Khalid;Khaled, يوسف|Youssef;Yusuf;Yousef, إبراهيم|Ibrahim;Ebrahim, حسن|Hassan;Hasan,"
    "حسين|Hussein;Hussain;Hossein, عبدالله|Abdullah;Abdallah;Abdulla,"
    "عبد الرحمن|Abdulrahman;Abdel Rahman;Abdelrahman, سعيد|Saeed;Said, مصطفى|Mostafa;Mustafa,"
    "طارق|Tarek;Tariq, فيصل|Faisal;Faysal, سلطان|Sultan, ماجد|Majid;Maged, كريم|Karim;Kareem,"
    "ياسر|Yasser;Yasir, حمزة|Hamza;Hamzah"
)
_ARABIC_FEMALE = _entries(
    "فاطمة|Fatima;Fatma;Fatimah, مريم|Mariam;Maryam, عائشة|Aisha;Aysha;Aicha, نور|Nour;Noor;Nur,"
    "سارة|Sara;Sarah, ليلى|Layla;Leila;Laila, هدى|Huda;Hoda, زينب|Zainab;Zeinab;Zaynab,"
    "آمنة|Amna;Amina, خديجة|Khadija;Khadijah, منى|Mona;Muna, رنا|Rana, ياسمين|Yasmin;Yasmine,"
    "سلمى|Salma;Selma, دينا|Dina;Deena, ريم|Reem;Rim, هند|Hind;Hend, لينا|Lina;Leena,"
    "شيماء|Shaimaa;Shaima, نادية|Nadia;Nadiya"
)
_ARABIC_FAMILIES = _families(
    "علي|Ali, حسن|Hassan;Hasan, إبراهيم|Ibrahim, عبدالله|Abdullah,"
    "المنصوري|Al Mansouri;Al-Mansouri;Almansouri, القحطاني|Al-Qahtani;Al Qahtani;Alqahtani,"
    "الشمري|Al-Shammari;Alshammari,"
    "الحربي|Al-Harbi;Alharbi, العتيبي|Al-Otaibi;Alotaibi, الهاشمي|Al Hashemi;Al-Hashimi,"
    "السيد|El Sayed;El-Sayed;Elsayed, عبد العزيز|Abdelaziz;Abdulaziz, مصطفى|Mostafa;Mustafa,"
    "حسين|Hussein;Hussain, النجار|El Naggar;Al-Najjar, خليل|Khalil, سالم|Salem;Salim,"
    "يوسف|Youssef;Yousef, الزعابي|Al Zaabi;Al-Zaabi, محمد|Mohammed;Mohamed"
)
_ARABIC_STREETS = _entries(
    "الشيخ زايد|Sheikh Zayed;Shaikh Zayed, الملك فهد|King Fahd, التحرير|Tahrir;El Tahrir,"
    "الجمهورية|El Gomhoria;Al Jumhuriya, الهرم|Al Haram;El Haram, الملك عبدالعزيز|King Abdulaziz,"
    "الوصل|Al Wasl, الرشيد|Al Rasheed;Al Rashid"
)
_ARABIC_TYPES = _entries("شارع|Street;St.;St, طريق|Road;Rd;Rd.")


WORLD: tuple[Country, ...] = (
    Country(
        code="IN",
        weight=8,
        labels=("IN", "India", "भारत", "Bharat"),
        male=_entries(
            "राहुल|Rahul, अमित|Amit, राजेश|Rajesh, सुरेश|Suresh, विजय|Vijay;Vijai, संजय|Sanjay;Sanjai,"
            "अनिल|Anil, सुनील|Sunil;Suneel, रवि|Ravi, अजय|Ajay, मनोज|Manoj, दीपक|Deepak;Dipak,"
            "आकाश|Akash;Aakash, अर्जुन|Arjun, रोहित|Rohit, विकास|Vikas, प्रवीण|Praveen;Pravin,"
            "अभिषेक|Abhishek, आदित्य|Aditya, अनुराग|Anurag"
        ),
        female=_entries(
            "प्रिया|Priya, पूजा|Pooja;Puja, अनीता|Anita, सुनीता|Sunita, नेहा|Neha,"
            "कविता|Kavita;Kavitha,"
            "दीपिका|Deepika;Dipika, स्वाति|Swati;Swathi, अंजलि|Anjali, रेखा|Rekha,"
            "लक्ष्मी|Lakshmi;Laxmi, मीना|Meena;Mina, सीमा|Seema;Sima, ज्योति|Jyoti;Jyothi,"
            "आरती|Aarti;Arti, श्रुति|Shruti;Sruthi, दिव्या|Divya, निशा|Nisha, सरिता|Sarita, रीता|Rita"
        ),
        families=_families(
            "शर्मा|Sharma, वर्मा|Verma, गुप्ता|Gupta, सिंह|Singh, कुमार|Kumar, पटेल|Patel, शाह|Shah,"
            "अग्रवाल|Agarwal;Aggarwal;Agrawal, यादव|Yadav, जैन|Jain, मिश्रा|Mishra, पांडे|Pandey;Pande,"
            "चौधरी|Chaudhary;Choudhary, मेहता|Mehta, राव|Rao, रेड्डी|Reddy, नायर|Nair, जोशी|Joshi,"
            "श्रीवास्तव|Srivastava;Shrivastava, कपूर|Kapoor;Kapur"
        ),
        cities=(
            _city("मुंबई|Mumbai;Bombay", "4000", "222 223 224 225 226"),
            _city("दिल्ली|Delhi;New Delhi", "1100", "112 113 114 115 116"),
            _city("बेंगलुरु|Bengaluru;Bangalore", "5600", "80"),
            _city("चेन्नई|Chennai;Madras", "6000", "442 443 444 445 446"),
            _city("कोलकाता|Kolkata;Calcutta", "7000", "332 333 334 335 336"),
            _city("पुणे|Pune;Poona", "4110", "202 203 204 205 206"),
        ),
        streets=_entries(
            "MG;M.G.;Mahatma Gandhi, Station, Nehru, Park, Linking, Brigade, Tilak,"
            "Lal Bahadur Shastri"
        ),
        street_types=_entries("Road;Rd;Rd., Marg, Street;St"),
        address="{n}, {street} {type}",
        native_address="",
        postcode="##",
        calling_code="91",
        trunk="0",
        mobile_trunk="0",
        mobiles=tuple("98 99 97 94 70 80 90".split()),
        mobile_length=10,
        fixed_length=10,
        phone_groups={10: (5, 5)},
        phone_style="plain",
        email_domains=(*_DOMAINS_INTL, "rediffmail.com", "yahoo.co.in"),
        dates=_DMY,
        business=("traders", "enterprises", "solutions", "textiles", "clinic"),
        tld="in",
        native_share=15,
    ),
    Country(
        code="CN",
        weight=7,
        labels=("CN", "China", "中国", "PRC", "People's Republic of China"),
        male=_entries(
            "伟|Wei, 强|Qiang, 磊|Lei, 军|Jun, 洋|Yang, 勇|Yong, 杰|Jie, 涛|Tao, 明|Ming, 超|Chao,"
            "浩|Hao, 建华|Jianhua;Jian Hua;Jian-Hua, 志强|Zhiqiang;Zhi Qiang, 俊杰|Junjie;Jun Jie,"
            "宇航|Yuhang, 子轩|Zixuan, 文博|Wenbo, 国平|Guoping, 海涛|Haitao,"
            "晓东|Xiaodong;Xiao Dong"
        ),
        female=_entries(
            "芳|Fang, 娜|Na, 敏|Min, 静|Jing, 丽|Li, 艳|Yan, 秀英|Xiuying;Xiu Ying, 婷|Ting,"
            "雪|Xue,"
            "玲|Ling, 桂英|Guiying, 丽娟|Lijuan, 晓燕|Xiaoyan, 美玲|Meiling;Mei Ling, 欣怡|Xinyi,"
            "梓涵|Zihan, 诗涵|Shihan, 雨桐|Yutong, 佳怡|Jiayi, 慧|Hui"
        ),
        families=_families(
            "王|Wang, 李|Li;Lee, 张|Zhang;Chang, 刘|Liu, 陈|Chen;Chan, 杨|Yang, 黄|Huang;Wong,"
            "赵|Zhao;Chao, 吴|Wu, 周|Zhou;Chou, 徐|Xu;Hsu, 孙|Sun, 马|Ma, 朱|Zhu;Chu, 胡|Hu,"
            "郭|Guo;Kuo, 何|He;Ho, 林|Lin;Lam, 高|Gao;Kao, 罗|Luo;Lo"
        ),
        cities=(
            _city("北京|Beijing;Peking", "100", "100 102 103 104 105 106"),
            _city("上海|Shanghai", "200", "212 213 214 215 216"),
            _city("广州|Guangzhou;Canton", "510", "20"),
            _city("深圳|Shenzhen", "518", "755:11"),
            _city("成都|Chengdu", "610", "28"),
            _city("杭州|Hangzhou", "310", "571:11"),
        ),
        streets=_entries(
            "建国|Jianguo, 人民|Renmin, 中山|Zhongshan, 解放|Jiefang, 南京|Nanjing,"
            "长安|Chang'an;Changan, 和平|Heping, 朝阳|Chaoyang"
        ),
        street_types=_entries("路|Road;Rd;Lu, 街|Street;St;Jie, 大道|Avenue;Ave;Dadao"),
        address="{n} {street} {type}",
        native_address="{street}{type}{n}号",
        postcode="###",
        calling_code="86",
        trunk="0",
        mobile_trunk="",
        mobiles=tuple("135 137 138 139 150 158 186 188".split()),
        mobile_length=11,
        fixed_length=10,
        phone_groups={10: (2, 4, 4), 11: (3, 4, 4)},
        phone_style="plain",
        email_domains=("qq.com", "qq.com", "163.com", "126.com", "sina.com", "gmail.com"),
        dates=("{yyyy}年{m}月{d}日", "{yyyy}/{m}/{d}"),
        business=("trading", "tech", "consulting", "import"),
        tld="cn",
        family_first=True,
        native_share=45,
    ),
    Country(
        code="AE",
        weight=3,
        labels=("AE", "United Arab Emirates", "UAE", "U.A.E.", "الإمارات"),
        male=_ARABIC_MALE,
        female=_ARABIC_FEMALE,
        families=_ARABIC_FAMILIES,
        cities=(
            _city("دبي|Dubai", "", "42 43 44 45 46 47 48"),
            _city("أبوظبي|Abu Dhabi;Abudhabi", "", "22 23 24 25 26 27 28"),
            _city("الشارقة|Sharjah", "", "62 63 64 65 66 67 68"),
        ),
        streets=_ARABIC_STREETS,
        street_types=_ARABIC_TYPES,
        address="{n} {street} {type}",
        native_address="{n} {type} {street}",
        postcode="",
        calling_code="971",
        trunk="0",
        mobile_trunk="0",
        mobiles=tuple("50 52 54 55 56 58".split()),
        mobile_length=9,
        fixed_length=8,
        phone_groups={8: (1, 3, 4), 9: (2, 3, 4)},
        phone_style="plain",
        email_domains=(*_DOMAINS_INTL, "emirates.net.ae"),
        dates=_DMY,
        business=("trading", "general-trading", "contracting", "tech"),
        tld="ae",
        native_share=35,
    ),
    Country(
        code="SA",
        weight=3,
        labels=("SA", "Saudi Arabia", "KSA", "Kingdom of Saudi Arabia", "السعودية"),
        male=_ARABIC_MALE,
        female=_ARABIC_FEMALE,
        families=_ARABIC_FAMILIES,
        cities=(
            _city("الرياض|Riyadh;Riyad", "11 12 13", "11"),
            _city("جدة|Jeddah;Jiddah", "21 23", "122 124 125 126 127 128"),
            _city("الدمام|Dammam", "31 32", "133 135 136 137 138"),
        ),
        streets=_ARABIC_STREETS,
        street_types=_ARABIC_TYPES,
        address="{n} {street} {type}",
        native_address="{n} {type} {street}",
        postcode="###",
        calling_code="966",
        trunk="0",
        mobile_trunk="0",
        mobiles=tuple("50 53 54 55 56 59".split()),
        mobile_length=9,
        fixed_length=9,
        phone_groups={9: (2, 3, 4)},
        phone_style="plain",
        email_domains=_DOMAINS_INTL,
        dates=_DMY,
        business=("trading", "est", "contracting", "tech"),
        tld="sa",
        native_share=40,
    ),
    Country(
        code="EG",
        weight=3,
        labels=("EG", "Egypt", "مصر", "Arab Republic of Egypt"),
        male=_ARABIC_MALE,
        female=_ARABIC_FEMALE,
        families=_ARABIC_FAMILIES,
        cities=(
            _city("القاهرة|Cairo;Al Qahirah", "11", "2"),
            _city("الإسكندرية|Alexandria;Alex", "21", "3:8"),
            _city("الجيزة|Giza;Gizeh", "12", "2"),
        ),
        streets=_ARABIC_STREETS,
        street_types=_ARABIC_TYPES,
        address="{n} {street} {type}",
        native_address="{n} {type} {street}",
        postcode="###",
        calling_code="20",
        trunk="0",
        mobile_trunk="0",
        mobiles=tuple("10 11 12 15".split()),
        mobile_length=10,
        fixed_length=9,
        phone_groups={8: (1, 3, 4), 9: (1, 4, 4), 10: (2, 4, 4)},
        phone_style="plain",
        email_domains=_DOMAINS_INTL,
        dates=_DMY,
        business=("trading", "pharma", "contracting", "tech"),
        tld="com.eg",
        native_share=40,
    ),
    Country(
        code="RU",
        weight=5,
        labels=("RU", "Russia", "Russian Federation", "Россия", "РФ"),
        male=_entries(
            "Александр|Aleksandr;Alexander;Alexandr, Сергей|Sergey;Sergei,"
            "Дмитрий|Dmitry;Dmitriy;Dmitri, Андрей|Andrey;Andrei, Алексей|Alexey;Aleksei;Alexei,"
            "Максим|Maxim;Maksim, Иван|Ivan, Михаил|Mikhail, Николай|Nikolay;Nikolai,"
            "Владимир|Vladimir, Евгений|Evgeny;Yevgeny, Павел|Pavel, Артём;Артем|Artem;Artyom,"
            "Игорь|Igor, Олег|Oleg, Юрий|Yuri;Yury, Роман|Roman, Виктор|Viktor;Victor,"
            "Денис|Denis, Антон|Anton"
        ),
        female=_entries(
            "Елена|Elena;Yelena, Ольга|Olga, Наталья|Natalya;Natalia, Татьяна|Tatiana;Tatyana,"
            "Ирина|Irina, Светлана|Svetlana, Анна|Anna, Мария|Maria;Mariya,"
            "Екатерина|Ekaterina;Yekaterina, Юлия|Yulia;Julia, Анастасия|Anastasia;Anastasiya,"
            "Марина|Marina, Дарья|Darya;Daria, Ксения|Ksenia;Kseniya, Людмила|Lyudmila;Ludmila,"
            "Галина|Galina, Валентина|Valentina, Вера|Vera, Полина|Polina, Алина|Alina"
        ),
        families=_families(
            "Иванов|Ivanov>Иванова|Ivanova, Смирнов|Smirnov>Смирнова|Smirnova,"
            "Кузнецов|Kuznetsov>Кузнецова|Kuznetsova, Попов|Popov>Попова|Popova,"
            "Васильев|Vasiliev;Vasilyev>Васильева|Vasilieva;Vasilyeva,"
            "Петров|Petrov>Петрова|Petrova,"
            "Соколов|Sokolov>Соколова|Sokolova, Михайлов|Mikhailov>Михайлова|Mikhailova,"
            "Новиков|Novikov>Новикова|Novikova, Фёдоров;Федоров|Fedorov>Фёдорова;Федорова|Fedorova,"
            "Морозов|Morozov>Морозова|Morozova, Волков|Volkov>Волкова|Volkova,"
            "Алексеев|Alekseev;Alexeev>Алексеева|Alekseeva;Alexeeva,"
            "Лебедев|Lebedev>Лебедева|Lebedeva,"
            "Семёнов;Семенов|Semenov;Semyonov>Семёнова;Семенова|Semenova;Semyonova,"
            "Егоров|Egorov;Yegorov>Егорова|Egorova;Yegorova, Павлов|Pavlov>Павлова|Pavlova,"
            "Козлов|Kozlov>Козлова|Kozlova, Степанов|Stepanov>Степанова|Stepanova,"
            "Николаев|Nikolaev>Николаева|Nikolaeva"
        ),
        cities=(
            _city("Москва|Moscow;Moskva", "101 105 107 109 115 117 119 121 123 125 127", "495 499"),
            _city(
                "Санкт-Петербург|Saint Petersburg;St. Petersburg;Sankt-Peterburg",
                "190 191 194 196 197",
                "812",
            ),
            _city("Новосибирск|Novosibirsk", "630", "383"),
            _city("Екатеринбург|Yekaterinburg;Ekaterinburg", "620", "343"),
            _city("Казань|Kazan", "420", "843"),
        ),
        streets=_entries(
            "Ленина|Lenina, Пушкина|Pushkina, Гагарина|Gagarina, Советская|Sovetskaya, Мира|Mira,"
            "Тверская|Tverskaya, Садовая|Sadovaya, Лесная|Lesnaya"
        ),
        street_types=_entries(
            "ул.;улица|ul.;ulitsa, пр-т;проспект|pr.;prospekt, пер.;переулок|per.;pereulok"
        ),
        address="{type} {street}, {n}",
        native_address="{type} {street}, д. {n}",
        postcode="###",
        calling_code="7",
        trunk="8",
        mobile_trunk="8",
        mobiles=tuple("900 903 905 909 910 915 916 917 925 926 985".split()),
        mobile_length=10,
        fixed_length=10,
        phone_groups={10: (3, 3, 2, 2)},
        phone_style="ru",
        email_domains=("yandex.ru", "mail.ru", "mail.ru", "gmail.com", "rambler.ru", "bk.ru"),
        dates=("{dd}.{mm}.{yyyy}",),
        business=("torg", "stroy", "service", "consult"),
        tld="ru",
        native_share=55,
    ),
    Country(
        code="GR",
        weight=4,
        labels=("GR", "Greece", "Ελλάδα", "Hellas", "Hellenic Republic"),
        male=_entries(
            "Γεώργιος|Georgios;George, Ιωάννης|Ioannis;Yannis,"
            "Κωνσταντίνος|Konstantinos;Constantinos, Δημήτριος|Dimitrios, Νικόλαος|Nikolaos,"
            "Παναγιώτης|Panagiotis, Βασίλειος|Vasileios;Vasilios,"
            "Χρήστος|Christos;Hristos, Αθανάσιος|Athanasios, Μιχαήλ|Michail;Michael,"
            "Ευάγγελος|Evangelos, Σπυρίδων|Spyridon, Αντώνιος|Antonios, Αλέξανδρος|Alexandros,"
            "Στέφανος|Stefanos, Ανδρέας|Andreas, Θεόδωρος|Theodoros, Εμμανουήλ|Emmanouil,"
            "Πέτρος|Petros, Ηλίας|Ilias"
        ),
        female=_entries(
            "Μαρία|Maria, Ελένη|Eleni;Helen, Αικατερίνη|Aikaterini;Ekaterini, Βασιλική|Vasiliki,"
            "Σοφία|Sofia;Sophia, Αγγελική|Angeliki, Γεωργία|Georgia, Δήμητρα|Dimitra,"
            "Κωνσταντίνα|Konstantina, Παρασκευή|Paraskevi, Ευαγγελία|Evangelia, Ιωάννα|Ioanna,"
            "Χριστίνα|Christina, Αναστασία|Anastasia, Φωτεινή|Foteini;Fotini, Ειρήνη|Eirini;Irini,"
            "Δέσποινα|Despoina;Despina, Αθηνά|Athina;Athena, Ευτυχία|Eftychia, Θεοδώρα|Theodora"
        ),
        families=_families(
            "Παπαδόπουλος|Papadopoulos>Παπαδοπούλου|Papadopoulou, Παπαγεωργίου|Papageorgiou,"
            "Οικονόμου|Oikonomou;Economou, Γεωργίου|Georgiou, Παπαδημητρίου|Papadimitriou,"
            "Ιωάννου|Ioannou, Βασιλείου|Vasileiou;Vasiliou, Νικολάου|Nikolaou,"
            "Καραγιάννης|Karagiannis;Karayannis>Καραγιάννη|Karagianni;Karayanni,"
            "Παππάς|Pappas>Παππά|Pappa, Μακρής|Makris>Μακρή|Makri, Αντωνίου|Antoniou,"
            "Δημητρίου|Dimitriou, Κωνσταντίνου|Konstantinou, Αλεξίου|Alexiou,"
            "Θεοδωρίδης|Theodoridis>Θεοδωρίδου|Theodoridou,"
            "Χατζής|Chatzis;Hatzis>Χατζή|Chatzi;Hatzi,"
            "Μιχαηλίδης|Michailidis>Μιχαηλίδου|Michailidou, Ζαχαρίου|Zachariou,"
            "Κωστόπουλος|Kostopoulos>Κωστοπούλου|Kostopoulou"
        ),
        cities=(
            _city("Αθήνα|Athens;Athina", "104 105 106 113 115 117", "21"),
            _city("Θεσσαλονίκη|Thessaloniki;Salonica", "546 551", "231"),
            _city("Πάτρα|Patras;Patra", "262", "261"),
            _city("Ηράκλειο|Heraklion;Iraklio", "712", "281"),
        ),
        streets=_entries(
            "Ερμού|Ermou, Σταδίου|Stadiou, Πανεπιστημίου|Panepistimiou, Αθηνάς|Athinas,"
            "Εγνατία|Egnatia, Τσιμισκή|Tsimiski, Κηφισίας|Kifisias, Αγίου Νικολάου|Agiou Nikolaou"
        ),
        street_types=_entries("Οδός;οδ.|Odos;Od., Λεωφόρος;Λεωφ.|Leoforos;Leof."),
        address="{street} {n}",
        native_address="{street} {n}",
        postcode=" ##",
        calling_code="30",
        trunk="",
        mobile_trunk="",
        mobiles=tuple("690 693 694 695 697 698 699".split()),
        mobile_length=10,
        fixed_length=10,
        phone_groups={10: (3, 3, 4)},
        phone_style="plain",
        email_domains=(*_DOMAINS_INTL, "otenet.gr", "yahoo.gr"),
        dates=_DMY,
        business=("travel", "taverna", "consulting", "shipping"),
        tld="gr",
        native_share=45,
    ),
    Country(
        code="BR",
        weight=5,
        labels=("BR", "Brazil", "Brasil", "Brésil"),
        male=_entries(
            "José;Jose, João;Joao, Antônio;Antonio, Francisco, Carlos, Paulo, Pedro, Lucas,"
            "Luiz;Luis, Marcos, Gabriel, Rafael, Daniel, Marcelo, Bruno, Eduardo, Felipe;Filipe,"
            "Rodrigo, Gustavo, Thiago;Tiago"
        ),
        female=_entries(
            "Maria, Ana, Francisca, Antônia;Antonia, Adriana, Juliana, Márcia;Marcia, Fernanda,"
            "Patrícia;Patricia, Aline, Sandra, Camila, Amanda, Bruna, Jéssica;Jessica,"
            "Letícia;Leticia, Júlia;Julia, Luciana, Vanessa, Mariana"
        ),
        families=_families(
            "Silva;da Silva, Santos;dos Santos, Oliveira;de Oliveira, Souza;Sousa;de Souza,"
            "Rodrigues, Ferreira, Alves, Pereira, Lima, Gomes, Costa, Ribeiro, Martins, Carvalho,"
            "Almeida, Lopes, Soares, Fernandes, Vieira, Barbosa"
        ),
        cities=(
            _city("São Paulo;Sao Paulo;SP", "01 02 03 04 05", "112 113 114 115", "119"),
            _city("Rio de Janeiro;Rio", "20 21 22", "212 213 214 215", "219"),
            _city("Belo Horizonte;BH", "30 31", "312 313 314 315", "319"),
            _city("Salvador", "40 41", "712 713 714 715", "719"),
            _city("Curitiba", "80 81", "412 413 414 415", "419"),
        ),
        streets=_entries(
            "das Flores, Augusta, da Consolação;da Consolacao, Sete de Setembro;7 de Setembro,"
            "Paulista, Brasil, XV de Novembro;Quinze de Novembro, Getúlio Vargas;Getulio Vargas"
        ),
        street_types=_entries("Rua;R.;rua, Avenida;Av.;Avda, Travessa;Tv.;Trav., Praça;Praca;Pç."),
        address="{type} {street}, {n}",
        native_address="",
        postcode="###-###",
        calling_code="55",
        trunk="",
        mobile_trunk="",
        mobiles=(),
        mobile_length=11,
        fixed_length=10,
        phone_groups={10: (2, 4, 4), 11: (2, 5, 4)},
        phone_style="br",
        email_domains=(*_DOMAINS_INTL, "uol.com.br", "bol.com.br", "terra.com.br"),
        dates=_DMY,
        business=("comercio", "servicos", "consultoria", "padaria"),
        tld="com.br",
    ),
)
