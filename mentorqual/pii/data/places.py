"""Place names: capitalised inside a sentence, but not the name of a person.

Written by hand from general knowledge, not copied. Sources: the 98 municipalities and
5 regions of Danmarks Statistik's municipal classification (dst.dk, "Kommuner og
regioner"), the larger towns of its "Byopgørelsen", the islands, landscapes and city
districts named in everyday Danish, and the countries and cities that the immigrant
groups of :mod:`.first_names` come from, spelt as Dansk Sprognævn's list of country names.
"""

from __future__ import annotations

# Source: Danmarks Statistik, municipalities, regions and towns; Danish landscapes.
DANISH_PLACES: frozenset[str] = frozenset(
    """
    Danmark Grønland Færøerne Norden Skandinavien Hovedstaden Sjælland Syddanmark
    Midtjylland Nordjylland Jylland Fyn Lolland Falster Møn Bornholm Amager Als Langeland
    Ærø Samsø Læsø Anholt Fanø Mors Thy Vendsyssel Himmerland Djursland Salling Sønderjylland
    Vestjylland Østjylland Sydjylland Nordsjælland Vestsjælland Sydsjælland Midtsjælland
    Østsjælland Storkøbenhavn Hovedstadsområdet Trekantområdet Sydfyn Nordfyn Vestfyn
    København Frederiksberg Albertslund Ballerup Brøndby Dragør Gentofte Gladsaxe Glostrup
    Herlev Hvidovre Høje-Taastrup Ishøj Lyngby-Taarbæk Rødovre Tårnby Vallensbæk Allerød
    Egedal Fredensborg Frederikssund Furesø Gribskov Halsnæs Helsingør Hillerød Hørsholm
    Rudersdal Christiansø Greve Køge Lejre Roskilde Solrød Faxe Guldborgsund Holbæk
    Kalundborg Næstved Odsherred Ringsted Slagelse Sorø Stevns Vordingborg Assens
    Faaborg-Midtfyn Kerteminde Middelfart Nordfyns Nyborg Odense Svendborg Billund Esbjerg
    Fredericia Haderslev Kolding Sønderborg Tønder Varde Vejen Vejle Aabenraa Favrskov
    Hedensted Herning Holstebro Horsens Ikast-Brande Lemvig Norddjurs Odder Randers
    Ringkøbing-Skjern Silkeborg Skanderborg Skive Struer Syddjurs Viborg Aarhus Århus
    Brønderslev Frederikshavn Hjørring Jammerbugt Mariagerfjord Morsø Rebild Thisted
    Vesthimmerland Vesthimmerlands Aalborg Ålborg
    Kastrup Taastrup Tåstrup Lyngby Helsinge Hundested Frederiksværk Slangerup Stenløse
    Ølstykke Farum Værløse Birkerød Holte Nærum Hellerup Charlottenlund Klampenborg
    Skovlunde Måløv Avedøre Hedehusene Hundige Karlslunde Jægerspris Gilleleje Hornbæk
    Espergærde Humlebæk Kokkedal Nivå Bagsværd Søborg Haslev Fakse Nykøbing Maribo Nakskov
    Rødby Stege Præstø Korsør Skælskør Tølløse Jyderup Asnæs Faaborg Fåborg Ringe Otterup
    Bogense Munkebo Marstal Rudkøbing Grindsted Ribe Bramming Christiansfeld Vojens
    Gråsten Nordborg Padborg Brørup Rødding Hammel Hinnerup Hadsten Juelsminde Tørring
    Brande Ikast Grenaa Grenå Auning Ebeltoft Rønde Kolind Galten Skjern Ringkøbing Tarm
    Bjerringbro Kjellerup Hobro Hadsund Støvring Nibe Løgstør Aars Farsø Dronninglund
    Sæby Skagen Hirtshals Løkken Fjerritslev Aabybro Hanstholm Nørresundby Rønne Nexø
    Hasseris Vejgaard Viby Højbjerg Risskov Brabrand Gellerup Hasle Tilst Lystrup Egå
    Åbyhøj Skejby Trige Sabro Tranbjerg Malling Beder Mårslet Vollsmose Dalum Bolbro
    Tarup Hjallerup Nørrebro Vesterbro Østerbro Valby Vanløse Brønshøj Husum Bispebjerg
    Sydhavnen Christianshavn Tingbjerg Mjølnerparken Urbanplanen Ørestad Sundby Amagerbro
    Frederiksstaden Gellerupparken Bispehaven Skovparken Korsløkken Agerparken Stengårdsvej
    Ringparken Taastrupgård Avedøre Holme Munkegårdsparken Sønderparken Ellekonebakken
    Kokkedal Rosenhøj Herlufsholm Sorgenfri Virum Kgs Kongens Holstebro Lemvig Thyborøn
    Vinderup Ulfborg Videbæk Aulum Kibæk Give Egtved Børkop Jelling Bredsten Kolding
    Sdr Nr Sønder Nørre Vester Øster Søndre Nordre Vestre Østre Store Lille
    """.split()
)

# Source: Danish names of countries and larger foreign cities (Dansk Sprognævn's country
# list, written from memory), especially where the immigrant groups come from.
FOREIGN_PLACES: frozenset[str] = frozenset(
    """
    Sverige Norge Finland Island Tyskland Polen Ukraine Rusland Hviderusland Litauen
    Letland Estland Holland Nederlandene Belgien Luxembourg Frankrig Spanien Portugal
    Italien Grækenland Cypern Malta Schweiz Østrig Ungarn Tjekkiet Slovakiet Slovenien
    Kroatien Bosnien Hercegovina Bosnien-Hercegovina Serbien Montenegro Kosovo Albanien
    Nordmakedonien Makedonien Bulgarien Rumænien Moldova Storbritannien England Skotland
    Wales Irland Nordirland Tyrkiet Syrien Irak Iran Libanon Israel Palæstina Gaza
    Vestbredden Jordan Egypten Libyen Tunesien Algeriet Marokko Sudan Sydsudan Eritrea
    Etiopien Somalia Somaliland Djibouti Kenya Uganda Tanzania Rwanda Burundi Congo Kongo
    Nigeria Ghana Senegal Gambia Mali Niger Tchad Cameroun Elfenbenskysten Sierra Leone
    Liberia Guinea Angola Zambia Zimbabwe Mozambique Sydafrika Madagaskar Afghanistan
    Pakistan Indien Bangladesh Nepal Bhutan Sri Lanka Myanmar Burma Thailand Vietnam
    Cambodja Laos Malaysia Singapore Indonesien Filippinerne Kina Taiwan Japan Korea
    Sydkorea Nordkorea Mongoliet Kasakhstan Usbekistan Tadsjikistan Turkmenistan Georgien
    Armenien Aserbajdsjan Tjetjenien Kurdistan Saudi-Arabien Saudiarabien Arabien Yemen
    Jemen Oman Kuwait Qatar Bahrain Emiraterne USA Amerika Canada Mexico Cuba Brasilien
    Argentina Chile Peru Colombia Venezuela Bolivia Ecuador Australien New Zealand
    Europa Asien Afrika Mellemøsten Nordafrika Østafrika Vestafrika Østeuropa Vesteuropa
    Sydeuropa Nordeuropa Sydamerika Nordamerika Latinamerika Balkan Kaukasus Baltikum
    Stockholm Oslo Helsinki Reykjavik Berlin Hamborg Hamburg Kiel Flensborg Flensburg
    München London Paris Bruxelles Amsterdam Madrid Rom Athen Wien Prag Budapest Warszawa
    Warszawa Krakow Kraków Gdansk Gdańsk Wroclaw Wrocław Poznan Poznań Lodz Łódź Vilnius
    Kaunas Riga Tallinn Bukarest Sofia Beograd Sarajevo Zagreb Pristina Tirana Skopje
    Kyiv Kiev Kharkiv Lviv Odesa Odessa Dnipro Mariupol Zaporizjzja Moskva Minsk Istanbul
    Ankara Izmir Konya Gaziantep Diyarbakir Diyarbakır Aleppo Damaskus Homs Hama Idlib
    Latakia Deir Raqqa Bagdad Baghdad Mosul Basra Erbil Kirkuk Sulaymaniyah Teheran
    Tehran Mashhad Isfahan Shiraz Tabriz Kabul Herat Kandahar Mazar-i-Sharif Jalalabad
    Mogadishu Hargeisa Kismayo Asmara Massawa Keren Addis Abeba Khartoum Kairo Alexandria
    Amman Beirut Tripoli Tunis Casablanca Rabat Marrakesh Marrakech Algier Jerusalem
    Ramallah Gaza Islamabad Karachi Lahore Delhi Mumbai Dhaka Colombo Jaffna Hanoi
    Saigon Manila Bangkok Beijing Peking Shanghai New York Malmø Malmö
    Göteborg Gøteborg Lund Helsingborg Bergen Trondheim Dubai Doha Nairobi Lagos Accra
    """.split()
)
