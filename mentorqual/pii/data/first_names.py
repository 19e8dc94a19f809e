"""First names the guard knows, one constant per group of the population.

Written by hand from general knowledge, not copied. The Danish lists follow the most
frequent first names in Danmarks Statistik's name statistics ("Navne i hele
befolkningen", statistikbanken.dk, tables NAVNE1 and NAVNE2). The other lists cover the
largest groups of immigrants and descendants in Danmarks Statistik's "Indvandrere i
Danmark" (Syria, Turkey, Iraq, Lebanon/Palestine, Somalia, Afghanistan, Iran, Eritrea,
Vietnam, Poland, Ukraine, Romania, Lithuania, the former Yugoslavia, Pakistan, Sri Lanka):
common given names of each group, with the usual Danish and English spellings. Vietnamese
family names come first in a name ("Nguyen Thi Lan"), so they are listed here too.
"""

from __future__ import annotations

# Source: Danmarks Statistik, NAVNE1/NAVNE2, frequent first names of women.
DANISH_WOMEN_NAMES: frozenset[str] = frozenset(
    """
    Anne Kirsten Mette Hanne Anna Helle Susanne Lene Maria Marianne Lone Camilla Pia
    Louise Charlotte Inge Bente Tina Gitte Karen Ida Emma Julie Laura Sofie Jette Rikke
    Ulla Birgitte Tove Inger Ellen Christina Signe Malene Karina Annette Anette Maja
    Katrine Heidi Dorthe Dorte Line Nanna Sara Sarah Mia Cecilie Amalie Hanna Caroline
    Karoline Mathilde Emilie Freja Josefine Josephine Clara Klara Ella Alma Sofia Karla
    Agnes Alberte Lærke Olivia Isabella Frida Victoria Astrid Nora Ellie Luna Esther Ester
    Aya Liva Lea Thea Vilma Ingrid Ane Birthe Grethe Grete Lis Else Ruth Jytte Lisbeth
    Vibeke Merete Pernille Trine Stine Sanne Maiken Annie Bodil Lilly Elisabeth Eva Lise
    Tine Henriette Jeanette Anja Anita Janni Jannie Betina Bettina Kristina Christine
    Kristine Rebekka Rebecca Michelle Nicoline Simone Marie Mona Jane Linda Lotte Lena
    Lina Tanja Natasja Nadia Naja Nina Mille Sille Silje Sigrid Johanne Asta Molly Vigga
    Merle Liv Rosa Rose Vera Gerda Edith Erna Gudrun Dagmar Ingeborg Aase Åse Elin
    Elsebeth Kamilla Connie Gunhild Hedvig Helga Herdis Jonna Karin Kate Lillian Lisa
    Lissi Margrethe Margit Minna Rita Solveig Sonja Susan Tenna Winnie Yvonne Zenia Maj
    Dina Amanda Andrea Filippa Emily Ronja Benedikte Ditte Gry Hella Janne Julia Kathrine
    Katja Lykke Mai Marlene Mathilda Nathalie Patricia Ragnhild Rigmor Sabrina Sandra
    Sisse Stephanie Sussi Tilde Ursula Vivi Vita Viola
    Agnete Alice Anne-Marie Anne-Mette Annelise Anni Augusta Benedicte Birgit Britt
    Britta Carina Cathrine Catharina Conni Dorrit Eja Ellinor Elna Ella-Marie Emilia
    Ester-Marie Evelyn Frederikke Gunver Hannah Hedda Ina Inga Irene Iben Jenny Jeanett
    Jensine Johanna Josefina Kirstine Lisette Lizette Lulu Magda Magdalena Maren Mariann
    Marianna Marina Marlen Martha Marta Mathilde-Marie Mie Mira Nadja Nanette
    Olga Paula Pauline Petra Pia-Maria Ragna Rikke-Marie Ritta Sascha Selma Sidsel Sif
    Signa Sine Solvej Stina Sofie-Marie Svea Tanya Thilde Thyra Tina-Marie Tinna Tora
    Tove-Lise Trille Una Ulrikke Vibe Vilde Wilma Xenia Yrsa Zofia Ea Elvira Naomi
    Leonora Liselotte Lærke-Marie Marie-Louise Hjørdis Oda Rut Sanna Silke Tenna-Marie
    """.split()
)

# Source: Danmarks Statistik, NAVNE1/NAVNE2, frequent first names of men.
DANISH_MEN_NAMES: frozenset[str] = frozenset(
    """
    Peter Jens Lars Michael Henrik Thomas Søren Jan Niels Christian Martin Anders Morten
    Jesper Mads Rasmus Hans Per Jørgen Ole Kim Mikkel Frederik Erik Jakob Jacob Kenneth
    Kasper Casper Nikolaj Bo Poul Torben Thorben Steen Sten Claus Klaus Brian Lasse Jonas
    Daniel Tobias Mathias Matthias Emil Oliver William Noah Lucas Lukas Victor Viktor
    Magnus Alexander Carl Karl Oscar Oskar Malthe Elias Aksel Axel Alfred Valdemar Arthur
    August Otto Storm Theo Theodor Felix Anton Johan Johannes Benjamin Sebastian Philip
    Phillip Filip Simon Patrick Andreas Kristian Jeppe Sune Bjarne Flemming Finn Leif
    Erling Bent Knud Arne Svend Sven Preben John Allan Dennis Carsten Karsten Kurt Jørn
    René Rene Bjørn Henning Tommy Tom Frank Ib Aage Åge Børge Egon Gunnar Holger Ejner
    Ejnar Kaj Mogens Tage Verner Werner Vagn Villy Ivan Gert Uffe Jimmi Jimmy Johnny Benny
    Kenn Ken Glenn Ulrik Mikael Troels Esben Asger Ebbe Hugo Viggo Harald Kristoffer
    Christoffer Janus Jonathan Marcus Markus Mark Max Adam David Samuel Silas Sander
    Sigurd Bertram Vincent Villads Laurits Lauritz Liam Hjalte Ask Birk Konrad Walter
    Frej Albert Adrian Ove Palle Orla Tonny Jes Nis Jon Dan Rune Kåre Ronni Ronnie
    Steffen Stefan Stephan Tim Ulf Carlo Eigil Einar Bjarke Frode Gorm Gustav Helge Henry
    Jack Jannik Jannick Kai Keld Kjeld Leo Lauge Malte Marius Milas Oluf Paw Robert Robin
    Rolf Sofus Thor Tor Tue Vilhelm Villum Vitus Eskild Christopher Bastian Anker
    Asbjørn Aron Alex Alan Carlos Hasse Kristen
    Anders-Peter Arnold Asmus Bendt Benn Bernhard Bjørne Boris Bruno Christen Claes Curt
    Dines Edvard Egil Ejvind Eyvind Elmer Emanuel Erich Ernst Esper Evald Ferdinand
    Folmer Frants Frits Fritz Georg Gerhard Gregers Gudmund Hagen Halfdan Harry Helmer
    Hemming Herluf Hjalmar Ingolf Ingvar Jakup Jean Jeppe-Nis Jesse Joakim Joachim
    Jonatan Jonny Jørgen-Peter Justin Kay Kennet Kent Kevin Klavs Kresten Kristof
    Lars-Erik Laust Lennart Leon Louis Ludvig Lucca Luca Mathis Matias Mattias Mauritz
    Mikail Mikkel-Emil Nicklas Niklas Nicolai Nicolaj Nils Olaf Olav Oliver-Emil
    Ove-Erik Peder Poul-Erik Pelle Povl Regnar Richard Rikard Ricki Rudolf Severin Sigfred
    Sonny Svenning Sylvester Søren-Peter Teis Thorkild Torkild Thorvald Toke Torsten
    Ture Valter Vagner Vernon Viggo-Emil Waldemar Yngve Alvin Milo Enzo Hakon
    Johan-Emil Kalle Kian Lino Sixten Storm-Emil Tristan Vigo Wilfred
    """.split()
)

# Source: given names common among immigrants and descendants from Syria, Iraq, Lebanon,
# Palestine, Jordan, Egypt and North Africa.
ARABIC_NAMES: frozenset[str] = frozenset(
    """
    Mohammad Mohammed Mohamed Muhammad Muhammed Mohamad Mohamud Mahmoud Mahmud Ahmad Ahmed
    Ali Omar Umar Hassan Hasan Hussein Husein Hussain Ibrahim Mustafa Mostafa Yusuf Youssef
    Yousef Yussuf Karim Kareem Ismail Ismael Khalid Khaled Walid Waleed Samir Sameer Said
    Saeed Tarek Tariq Tarik Rami Ramy Bilal Jamal Jamil Nabil Adel Adil Amir Amer
    Ammar Anas Ayman Aymen Bashir Basim Bassam Fadi Fady Faisal Faysal Fares Faris Firas
    Ghassan Habib Hadi Haitham Haytham Hamid Hamza Hani Hatem Hazem Hisham Hicham Imad
    Issa Jaber Jabir Jihad Kamal Kamel Karam Layth Louay Luay Mahdi Majid Majed Malik
    Mansour Mansur Marwan Mazen Mohannad Mouhamed Moussa Musa Nasser Nasir Nader Nadir
    Naim Nizar Osama Usama Qasim Qassem Rashid Rachid Raed Rafiq Ramzi Riad Riyad Sabri
    Salah Saleh Salim Selim Sami Shadi Sharif Suleiman Sulaiman Taha Talal Tamer Wael
    Wassim Yahya Yaser Yasser Yasin Yassin Yazan Zaid Zayd Ziad Ziyad Abdallah Abdullah
    Abdul Abdel Abdelkader Abdulrahman Abdelrahman Abdulaziz Abdelaziz Abbas Anwar Aziz
    Munir Mounir Omran Othman Uthman Jawad Jalal Hamed Hameed Hussam Husam Emad Ehab
    Fatima Fatma Aisha Aicha Aischa Maryam Mariam Meryem Zainab Zaynab Zeinab Yasmin
    Yasmine Jasmin Amina Aminah Leyla Leila Layla Laila Nour Noor Nur Hiba Heba Zahra
    Zahraa Sana Sanaa Rania Ranya Rana Rasha Reem Rim Rima Dima Dana Hala Hanan Hana
    Huda Houda Iman Imane Eman Inas Israa Jamila Jamilah Khadija Khadijah Lamia Lama Lubna
    Maha Malak Manal Marwa Mona Muna Nadia Nada Najwa Nawal Nisreen Nesrin Nasrin Noura
    Rahaf Randa Rawan Rim Ruqaya Ruqayya Safa Safaa Salma Samira Samar Sawsan Shaima
    Shaimaa Siham Souad Suad Sumaya Sumaia Tasnim Wafa Warda Yara Yousra Yusra Zeina
    Zina Zaina Ghada Alaa Asma Asmaa Aya Ayah Bushra Doaa Duaa Esraa Fadwa Farah Ghazal
    Hadeel Hajar Hagar Hayat Ilham Jana Joud Jude Kawthar Lujain Lina Mais Majd Nadine
    Raghad Razan Reham Ruba Sahar Sara Shahd Sidra Tala Wiam Yasmeen Zeinab Amal Amani
    Abir Abeer Afaf Ahlam Asil Aseel Basma Dalia Dalal Faten Fatin Ghalia Hind Huda
    """.split()
)

# Source: given names common among immigrants and descendants from Turkey, including
# Kurdish names.
TURKISH_KURDISH_NAMES: frozenset[str] = frozenset(
    """
    Mehmet Mehmed Ahmet Hüseyin Huseyin Murat Emre Burak Hakan Kemal Ömer Omer Osman
    Mustafa Yusuf Ali Hasan İbrahim Ibrahim Ismail İsmail Halil Recep Ramazan Kadir
    Kenan Serkan Serdar Selim Sinan Cem Can Deniz Onur Oğuz Oguz Ozan Tolga Tuncay Volkan
    Yasin Yunus Yılmaz Baran Berat Berkay Doğan Dogan Eren Erkan Ercan Erdem Erol Fatih
    Furkan Gökhan Gokhan Hakki Hikmet Ilhan İlhan Kaan Levent Mert Metin Musa Necati
    Nihat Orhan Recai Sadık Sedat Semih Sercan Sezer Soner Taner Tarkan Turgut Uğur Ugur
    Ümit Umit Vedat Yavuz Zafer Zeki Rojhat Rojda Dilan Berivan Rezan Hevin Zozan Şeyma
    Ayşe Ayse Fatma Emine Hatice Zeynep Elif Merve Büşra Busra Esra Özlem Ozlem Gül Gul
    Gülsüm Gulsum Hülya Hulya Sevgi Sevim Songül Songul Derya Dilek Ebru Ece Eda Ela
    Esma Filiz Gamze Hande Hilal İlayda Ilayda Kübra Kubra Leyla Melek Melike Meltem
    Nazlı Nazli Nesrin Nur Nuray Nurcan Öznur Pınar Pinar Rabia Selin Semra Serap Sibel
    Sinem Songül Sultan Şükran Sukran Tuba Tuğba Tugba Yasemin Yeliz Zehra Zübeyde Zuhal
    Aynur Ayten Berna Birgül Canan Cansu Çiğdem Cigdem Damla Dicle Dilara Ecem Emel Gizem
    Gönül Gulistan Gülistan Havva Hacer İrem Irem Kader Medine Nermin Nilay Nilüfer
    Sakine Saniye Şerife Serife Songul Tülay Tulay Ümran Yağmur Yagmur Zerrin
    """.split()
)

# Source: given names common among immigrants and descendants from Afghanistan and Iran
# (Dari, Pashto and Persian names).
PERSIAN_AFGHAN_NAMES: frozenset[str] = frozenset(
    """
    Reza Mahmoud Farid Farhad Farzad Hamid Hossein Hosein Javad Jawad Kamran Kaveh Kian
    Mehdi Mahdi Mehran Mohsen Morteza Nader Navid Omid Parviz Payam Peyman Pouya Ramin
    Saeed Sina Siavash Shahram Shahin Vahid Behnam Behrouz Dariush Dariusz Arash Babak
    Bahram Ehsan Hamed Hamidullah Hamidollah Najib Najibullah Nasrullah Rahmatullah
    Ahmadullah Zabihullah Sayed Sayyed Sajad Sajjad Masoud Massoud Mirwais Wahid Waheed
    Habibullah Hekmat Aziz Azizullah Qadir Qader Nawid Fawad Jamshid Khoshal Latif Samim
    Shafiq Zaki Zalmai Sohrab Rostam Roya Parisa Shirin Maryam Mahsa Mina Nasrin Narges
    Neda Niloufar Nilufar Pari Parvin Soraya Somayeh Tahmina Yalda Zahra Zohreh Fereshteh
    Farzaneh Fariba Golnaz Homa Laleh Leila Mahnaz Mahtab Marjan Mitra Nazanin Negar
    Parwana Parwin Roshan Sahar Samira Sepideh Setareh Shabnam Shima Simin Sima Taraneh
    Fatemeh Farida Fahima Freshta Hasina Hosna Malalai Mursal Nadia Nasima Nazira Palwasha
    Rahima Razia Sadia Sakina Sharifa Shukria Zarmina Zarghona Zuhra Mariam Arezoo Ariana
    """.split()
)

# Source: given names common among immigrants and descendants from Somalia.
SOMALI_NAMES: frozenset[str] = frozenset(
    """
    Abdi Abdirahman Abdirahim Abdirizak Abdikarim Abdiaziz Abdinasir Abdiqadir Abdullahi
    Abdulkadir Abdiwali Abdisalam Abukar Aden Adan Ahmed Awil Axmed Bashir Cabdi Cali
    Daud Dahir Deeq Faarax Farah Guled Hassan Hussein Ilyas Jama Jamac Liban Mahad
    Mohamud Maxamed Muse Mukhtar Nur Osman Sharmarke Said Warsame Yasin Yonis Yusuf
    Zakariye Abshir Hamse Ayanle Bile Dalmar Khadar Omar Siyad Mustafe Ismail Ibrahim
    Fadumo Faadumo Hodan Hawa Xawa Ayan Ayaan Amina Asha Ayesha Farhiya Fartun Halima
    Hibo Ifrah Ikran Ilhan Khadra Hamdi Hani Kaltun Leylo Maryan Muna Nasra Nimo Qamar
    Rahma Ruun Sagal Saida Sahra Safiya Samira Shukri Sucaad Sumaya Ubah Ugbaad Yasmin
    Zamzam Zeinab Deqa Deeqa Hinda Istahil Luul Maano Sadia Sahro Sirad Waris Xaliimo
    """.split()
)

# Source: given names common among immigrants and descendants from Eritrea and Ethiopia.
ERITREAN_ETHIOPIAN_NAMES: frozenset[str] = frozenset(
    """
    Yonas Yohannes Johannes Tesfay Tesfaye Tesfamariam Tekle Teklay Haile Hailu Habte
    Berhane Berhe Kidane Mehari Mehreteab Mussie Samuel Semere Senai Filmon Biniam
    Bereket Dawit Efrem Ephrem Ermias Eyob Fitsum Ghirmay Girmay Goitom Henok Isaias
    Kibrom Mebrahtu Merhawi Michael Mikiele Negasi Robel Simon Solomon Temesgen Tedros
    Tewelde Tsegay Weldu Woldu Yemane Yosief Abel Abraham Amanuel Daniel Natnael Awet
    Semhar Senait Selam Saba Meron Helen Hiwet Hirut Eden Feven Freweyni Luwam Lidia
    Lidya Mahlet Merhawit Mihret Mulu Rahel Ruth Sara Selamawit Tigist Tsega Winta Yordanos
    Yohana Almaz Aster Azeb Bethlehem Elsa Hanna Hewan Kidist Lemlem Letebrhan Milen
    Nardos Rigat Ruta Sosina Tsehay Tsige Weini Yodit Yirgalem Zewdi
    """.split()
)

# Source: given and family names common among immigrants and descendants from Vietnam.
VIETNAMESE_NAMES: frozenset[str] = frozenset(
    """
    Nguyen Nguyễn Tran Trần Le Lê Pham Phạm Hoang Hoàng Huynh Huỳnh Phan Vu Vũ Vo Võ Dang
    Đặng Bui Bùi Do Đỗ Ho Hồ Ngo Ngô Duong Dương Ly Lý Trinh Truong Trương Dinh Đinh
    Lam Lâm Mai Cao Ha Hà Thi Thị Van Văn Duc Đức Huu Hữu
    Lan Linh Huong Hương Hoa Hoà Mai Thu Thao Thảo Trang Hanh Hạnh Hang Hằng Hien Hiền
    Ngoc Ngọc Nhung Phuong Phương Quynh Quỳnh Tam Thanh Thuy Thủy Thuỷ Trinh Tuyet Tuyết
    Uyen Uyên Van Vy Xuan Xuân Yen Yến Anh Chau Châu Diep Diệp Dung Giang Hai Hải Hau
    Minh Nam Hung Hùng Tuan Tuấn Dung Dũng Long Quang Son Sơn Thang Thắng Trung
    Việt Vinh Vĩnh Hieu Hiếu Khanh Khánh Khoa Kien Kiên Loc Lộc Phuc Phúc Quan Quân
    Thinh Thịnh Tien Tiến Toan Toàn Tri Trí Tú Cuong Cường Dat Đạt Hoang Hoàng Huy
    Nhan Nhân Phong Tai Tài Thái Thien Thiện Tung Tùng Bao Bảo Binh Bình Duy
    """.split()
)

# Source: given names common among immigrants and descendants from Poland.
POLISH_NAMES: frozenset[str] = frozenset(
    """
    Piotr Krzysztof Tomasz Paweł Pawel Michał Michal Marcin Marek Grzegorz Jakub Łukasz
    Lukasz Adam Andrzej Jan Józef Jozef Kamil Karol Mateusz Maciej Bartosz Bartłomiej
    Dariusz Rafał Rafal Robert Sebastian Szymon Wojciech Zbigniew Stanisław Stanislaw
    Jerzy Ryszard Tadeusz Mirosław Miroslaw Sławomir Slawomir Jarosław Jaroslaw Przemysław
    Przemyslaw Radosław Radoslaw Artur Damian Dawid Daniel Filip Hubert Igor Kacper Konrad
    Leszek Mariusz Norbert Patryk Wiesław Zdzisław Arkadiusz Janusz Kazimierz Henryk
    Anna Agnieszka Katarzyna Małgorzata Malgorzata Barbara Ewa Krystyna Elżbieta Elzbieta
    Magdalena Joanna Aleksandra Monika Zofia Teresa Danuta Natalia Karolina Marta Beata
    Dorota Jadwiga Halina Irena Justyna Paulina Sylwia Iwona Renata Grażyna Grazyna
    Agata Alicja Aneta Bożena Bozena Edyta Emilia Gabriela Izabela Jolanta Kinga Klaudia
    Marzena Marianna Milena Oliwia Patrycja Urszula Weronika Wiktoria Zuzanna Żaneta
    Kasia Basia Gosia Ola Ania Wojtek Bartek
    """.split()
)

# Source: given names common among immigrants and descendants from Ukraine, Russia,
# Belarus and the Baltic states.
UKRAINIAN_RUSSIAN_NAMES: frozenset[str] = frozenset(
    """
    Oleksandr Olexandr Oleksiy Oleksii Olexiy Andriy Andrii Andrij Dmytro Dmitri Dmitrij
    Dmitry Serhiy Serhii Sergei Sergej Sergey Volodymyr Vladimir Vladimir Mykola Nikolai
    Nikolaj Vasyl Vasily Yuriy Yurii Yuri Jurij Ivan Ihor Igor Oleh Oleg Taras Bohdan
    Bogdan Petro Pyotr Pavlo Pavel Roman Maksym Maksim Maxim Artem Artyom Vitaliy Vitalii
    Viktor Anatoliy Anatoly Yevhen Evgeny Yevgeni Denys Denis Mykhailo Mikhail Stepan
    Volodya Sasha Misha Kostiantyn Konstantin Ruslan Vadym Vadim Valentyn Valentin
    Olena Elena Yelena Olha Olga Iryna Irina Oksana Natalia Natalya Nataliya Tetiana
    Tatiana Tatyana Svitlana Svetlana Yulia Yuliia Julia Kateryna Ekaterina Yekaterina
    Halyna Galina Liudmyla Lyudmila Lyudmyla Nadia Nadiya Nadezhda Valentyna Valentina
    Larysa Larisa Anastasia Anastasiia Alina Viktoriia Viktoria Mariia Maria Daria Dariia
    Daryna Sofiia Inna Ilona Lilia Liliia Marina Maryna Oleksandra Alexandra Nataliia
    Veronika Yana Zoriana Khrystyna Nadiia Ulyana Uliana Lesia Lesya Vira Vera Raisa
    Tamara Zhanna Lina Ludmila Ausra Aušra Ruta Rūta Jurgita Vilma Laura Egle Eglė
    Tomas Mindaugas Darius Vytautas Andrius Jonas Giedrius Janis Jānis Andris Martins
    """.split()
)

# Source: given names common among immigrants and descendants from Bosnia and
# Herzegovina, Serbia, Croatia, Kosovo, Albania, Romania and Bulgaria.
BALKAN_NAMES: frozenset[str] = frozenset(
    """
    Amir Adnan Almir Alen Armin Dino Edin Emir Elvis Enes Haris Jasmin Kemal Mirza
    Nermin Nihad Samir Senad Sead Suad Tarik Zlatan Dragan Goran Milan Marko Nikola
    Stefan Zoran Nenad Dejan Bojan Vladimir Predrag Srdjan Miroslav Željko Zeljko Ivica
    Ante Josip Tomislav Mario Davor Dario Hrvoje Luka Petar Arben Arbnor Besnik Blerim
    Driton Fatmir Ilir Valon Valmir Agron Bekim Florian Gezim Shkelzen Visar Adrian
    Ionut Andrei Alexandru Bogdan Catalin Cristian Florin Gheorghe Ion Mihai Marius
    Razvan Stefan Vasile Dimitar Georgi Ivaylo
    Amra Alma Aida Adela Belma Dženana Dzenana Elma Emina Edina Lejla Lamija Medina Merima
    Mirela Nermina Selma Senada Sabina Sanela Azra Ajla Jasmina Ivana Jelena Marija Mirjana
    Snežana Snezana Dragana Gordana Vesna Tatjana Milica Ana Maja Petra Ljiljana Zorica
    Arta Albana Besa Blerta Donjeta Drita Fatmire Flutura Gentiana Teuta Valbona Vjosa
    Ioana Andreea Alexandra Bianca Cristina Elena Florentina Gabriela Loredana Mihaela
    Raluca Roxana Simona Daniela Ionela Denisa Desislava Elitsa Gergana Radka Yordanka
    """.split()
)

# Source: given names common among immigrants and descendants from Pakistan, India,
# Sri Lanka (Tamil names) and Bangladesh.
SOUTH_ASIAN_NAMES: frozenset[str] = frozenset(
    """
    Imran Asif Nadeem Naveed Bilal Usman Umair Waqas Zeeshan Shahid Tahir Tariq Sajid
    Sohail Faisal Kashif Adnan Arif Aamir Amjad Ashraf Azhar Fahad Fawad Haroon Harun
    Irfan Javed Junaid Kamran Khurram Mansoor Mubashir Nauman Qaiser Rizwan Saqib Shahzad
    Shoaib Talha Wasim Yasir Zubair Rahul Raj Ravi Rajesh Sanjay Suresh Amit Vikram Arjun
    Anil Deepak Gurpreet Harpreet Manpreet Jaspreet Simran Sunil Vijay Sivakumar Kumaran
    Thiru Sathees Suthan Ramesh Ganesh Prakash Senthil Kannan Murugan Rajan Nirmalan
    Shazia Saima Nadia Ayesha Aisha Sadia Sana Farah Fozia Fouzia Rubina Samina Shabana
    Nazia Uzma Hina Mehwish Naila Nabila Sobia Amna Rabia Asma Bushra Humaira Mahnoor
    Priya Anjali Deepa Divya Kavita Lakshmi Meena Neha Pooja Puja Radha Rani Sunita Geeta
    Tharshini Thurka Kajani Nirosha Sharmila Vasanthi Kalpana Malathi Sangeetha Shanthi
    Rahim Rahman Kamal Jahangir Shafiqul Rafiq Nasreen Shirin Sultana Taslima Rokeya
    """.split()
)

# Source: given names common among other immigrant groups in Denmark (the Philippines,
# Thailand, China, West Africa, the Americas) and English names.
OTHER_FOREIGN_NAMES: frozenset[str] = frozenset(
    """
    Jose Josefa Maricel Marites Rowena Rosalie Jocelyn Gemma Lorna Analyn Mylene
    Jericho Jomar Rodel Reynaldo Rolando Arnel Noel Ramon Juan Miguel Pedro Luis Diego
    Alejandro Javier Pablo Sergio Fernando Ricardo Eduardo Manuel Francisco Antonio
    Carmen Lucia Valentina Camila Daniela Gabriela Isabel Ana-Maria Rosario Pilar Dolores
    Somchai Somsak Suda Malee Siriporn Kanya Nong Ploy Pim Noi Wei Li Ming Yan Jing Hui
    Xiaoming Xiaoli Jun Lei Ying Mei Chen Wang Zhang Liu Huang Zhao Wu
    Kofi Kwame Kwaku Kojo Yaw Ama Akosua Abena Efua Adjoa Chinedu Chukwu Emeka Ngozi Chioma
    Oluwaseun Olumide Tunde Ade Adebayo Femi Funmilayo Bola Amadou Mamadou Moussa Ousmane
    Fatou Aminata Mariama Awa Aissatou Ibrahima Sekou Lamine Babacar Cheikh Modou Boubacar
    Jean-Pierre Jean-Claude Jean-Paul Pierre Claude Michel Olivier Nicolas Julien Thierry
    Francois François Sophie Isabelle Nathalie Chantal Brigitte Sylvie Celine Céline
    Hans-Peter Klaus-Dieter Dieter Jürgen Jurgen Uwe Wolfgang Helmut Manfred Günter Gunter
    Ursula Ingrid Heike Sabine Petra Monika Gabriele Birgit Kerstin Anke Silke
    James Robert Richard Charles George Edward Henry Steven Stephen Kevin Brian Jason
    Ryan Gary Timothy Eric Jeffrey Scott Justin Brandon Tyler Aaron Nathan Kyle Joshua
    Jennifer Elizabeth Jessica Ashley Amanda Melissa Nicole Stephanie Rachel Megan Lauren
    Hannah Emily Sarah Samantha Katherine Kathleen Margaret Dorothy Deborah Sharon
    """.split()
)
