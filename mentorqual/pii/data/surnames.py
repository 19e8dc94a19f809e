"""Family names the guard knows, one constant per group.

Written by hand from general knowledge, not copied. The Danish list follows the most
frequent family names in Danmarks Statistik's name statistics ("Navne i hele
befolkningen", statistikbanken.dk, table NAVNE1, efternavne); the foreign list holds
common family names of the immigrant groups named in :mod:`.first_names`.
"""

from __future__ import annotations

# Source: Danmarks Statistik, NAVNE1, the most frequent family names.
DANISH_SURNAMES: frozenset[str] = frozenset(
    """
    Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen
    Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen
    Møller Mortensen Knudsen Jakobsen Jacobsen Mikkelsen Olesen Frederiksen Laursen
    Henriksen Lund Schmidt Eriksen Holm Kristiansen Clausen Simonsen Svendsen Andreasen
    Iversen Jeppesen Mogensen Jespersen Nissen Lauridsen Frandsen Østergaard Jepsen Kjær
    Carlsen Vestergaard Jessen Nørgaard Dahl Christoffersen Skov Søndergaard Bertelsen
    Bruun Lassen Bach Gregersen Friis Johnsen Steffensen Kjeldsen Bech Krogh Lauritsen
    Danielsen Mathiesen Andresen Brandt Winther Toft Ravn Mathiasen Dam Holst Nilsson
    Lind Berg Schou Overgaard Kristoffersen Schultz Klausen Karlsen Paulsen Hermansen
    Thorsen Koch Thygesen Bak Kruse Bang Juhl Hedegaard Mølgaard Lindberg Damgaard
    Kjærgaard Lindholm Bisgaard Nygaard Hjorth Enevoldsen Markussen Storm Lorentzen
    Kofoed Abildgaard Bækgaard Skovgaard Nørregaard Villadsen Ottesen Axelsen Pallesen
    Ebbesen Hvid Buch Dalgaard Riis Bjerre Fischer Juul Høj Lange Due Michelsen
    Hougaard Kirkegaard Kirkeby Thomassen Mouritsen Vinther Bundgaard Aagaard Højgaard
    Kjeldgaard Lauridsen Rask Stenstrup Brodersen Vestergård Østergård Søndergård
    Nørgård Kjærgård Bisgård Damgård Skovgård Graversen Hviid Sloth Borg Frost Kirk
    """.split()
)

# Source: common family names of immigrants and descendants (see the module docstring).
FOREIGN_SURNAMES: frozenset[str] = frozenset(
    """
    Yılmaz Yilmaz Kaya Demir Şahin Sahin Çelik Celik Yıldız Yildiz Öztürk Ozturk Aydın
    Aydin Özdemir Ozdemir Arslan Doğan Dogan Kılıç Kilic Aslan Çetin Cetin Koç Koc Kurt
    Özkan Ozkan Şimşek Simsek Polat Korkmaz Erdoğan Erdogan Aktaş Aktas Güler Guler
    Haddad Khalil Mansour Nasser Saleh Abbas Hamdan Darwish Khoury Rahman Karimi Ahmadi
    Hosseini Rezaei Mohammadi Sultani Noori Nouri Hashemi Jafari Rahimi Azizi Sadiqi
    Popal Amiri Akbari Safi Sharifi Hamidi Najafi Qureshi Al-Hassan Al-Ahmad Al-Ali
    El-Sayed Abu-Ali Abdallah Hamad Omari Masri Sabbagh Hijazi Yassin Chahine Fakhoury
    Warsame Abdullahi Mohamud Jama Aden Egal Hersi Dirie Samatar Barre Mohamed Elmi
    Gedi Hirsi Omar Farah Duale Guleid Ali-Hassan
    Tesfay Tesfaye Haile Gebre Kidane Berhane Ghebreab Tekle Mehari Andemariam Habte
    Woldu Gebremedhin Gebremariam Tewolde Weldemichael Kahsay Negash
    Nowak Kowalski Kowalska Wiśniewski Wisniewski Wiśniewska Wójcik Wojcik Kowalczyk
    Kamiński Kaminski Kamińska Lewandowski Lewandowska Zieliński Zielinski Szymański
    Szymanski Woźniak Wozniak Dąbrowski Dabrowski Kozłowski Kozlowski Jankowski Mazur
    Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Pawlowski Michalski
    Wróbel Wrobel Zając Zajac Wieczorek Jabłoński Jablonski Majewski Olszewski Stępień
    Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Oliynyk Kovalchuk Melnyk Boyko
    Moroz Lysenko Petrenko Savchenko Rudenko Marchenko Ivanenko Kuzmenko Pavlenko
    Ponomarenko Koval Ivanov Ivanova Petrov Petrova Smirnov Smirnova Popov Popova Volkov
    Kuznetsov Sokolov Morozova Kazlauskas Jankauskas Petrauskas Stankevičius Popescu
    Ionescu Popa Dumitru Stoica Constantin Georgescu
    Hodžić Hodzic Hadžić Hadzic Begić Begic Delić Delic Mehmedović Mehmedovic Hasanović
    Hasanovic Halilović Halilovic Kovačević Kovacevic Jovanović Jovanovic Petrović
    Petrovic Nikolić Nikolic Horvat Krasniqi Berisha Gashi Hoxha Morina Shala
    Khan Hussain Shah Iqbal Malik Chaudhry Chaudhary Butt Qureshi Mirza Siddiqui
    Singh Kaur Patel Sharma Kumar Gupta Sivakumar Rajendran Sivanesan Thurairajah
    Balasubramaniam Selvarajah Ratnam Hossain Uddin Begum
    """.split()
)
