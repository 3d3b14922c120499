"""The pools of the United States and Western Europe (US, GB, FR, DE, ES, IT, NL), in the
order of :data:`goldenrecord.datasets._pools.COUNTRIES`.
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

WEST: tuple[Country, ...] = (
    Country(
        code="US",
        weight=16,
        labels=("US", "United States", "USA", "U.S.A.", "United States of America"),
        male=_entries(
            "John, James, Robert, Michael, William, David, Richard, Joseph, Thomas, Christopher,"
            "Daniel, Matthew, Anthony, Mark, Steven, Andrew, Joshua, Kevin, Brian, George"
        ),
        female=_entries(
            "Mary, Patricia, Jennifer, Linda, Elizabeth, Barbara, Susan, Jessica, Sarah, Karen,"
            "Nancy, Margaret, Lisa, Betty, Sandra, Ashley, Emily, Katherine;Catherine, Deborah,"
            "Rebecca"
        ),
        families=_families(
            "Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez,"
            "Wilson, Anderson, Taylor, Moore, Jackson, Martin, Lee, Thompson, White, Harris,"
            "O'Brien;OBrien;O Brien, McDonald;Mcdonald"
        ),
        cities=(
            _city("New York;NYC;New York City", "100 101 112", "212 718", "212 646 917"),
            _city("Los Angeles;LA", "900", "213 310", "213 310"),
            _city("Chicago", "606", "312 773", "312 773"),
            _city("San Francisco;SF", "941", "415", "415"),
            _city("Boston", "021", "617", "617"),
            _city("Seattle", "981", "206", "206"),
            _city("Miami", "331", "305", "305"),
            _city("Houston", "770", "713", "713"),
            _city("Atlanta", "303", "404", "404"),
        ),
        streets=_entries(
            "Main, Oak, Maple, Cedar, Park, Washington, Lake, Hill, Pine, Elm, Sunset, Lincoln,"
            "Market, Madison"
        ),
        street_types=_entries(
            "Street;St;St., Avenue;Ave;Ave., Road;Rd;Rd., Boulevard;Blvd;Blvd., Drive;Dr;Dr.,"
            "Lane;Ln"
        ),
        address="{n} {street} {type}",
        native_address="",
        postcode="##",
        calling_code="1",
        trunk="",
        mobile_trunk="",
        mobiles=(),
        mobile_length=10,
        fixed_length=10,
        phone_groups={10: (3, 3, 4)},
        phone_style="us",
        email_domains=(
            *"gmail.com gmail.com gmail.com yahoo.com outlook.com hotmail.com".split(),
            *"icloud.com aol.com comcast.net".split(),
        ),
        dates=("{mm}/{dd}/{yyyy}", "{m}/{d}/{yyyy}"),
        business=("plumbing", "consulting", "dental", "realty", "autorepair", "bakery"),
        tld="com",
    ),
    Country(
        code="GB",
        weight=10,
        labels=("GB", "United Kingdom", "UK", "U.K.", "Great Britain", "England"),
        male=_entries(
            "James, David, Oliver, Jack, Harry, George, Thomas, William, Charlie, Oscar, Henry,"
            "Edward, Richard, Peter, Paul, Andrew, Stephen, Ian, Robert, Michael"
        ),
        female=_entries(
            "Sarah, Olivia, Amelia, Emily, Sophie, Charlotte, Jessica, Elizabeth, Margaret, Emma,"
            "Hannah, Lucy, Chloe, Rebecca, Victoria, Catherine;Katherine, Helen, Claire, Alice,"
            "Grace"
        ),
        families=_families(
            "Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Robinson, Wright,"
            "Thompson, Evans, Walker, White, Roberts, Green, Hall, Wood, Patel, Hughes,"
            "O'Connor;OConnor, Clarke"
        ),
        cities=(
            _city("London", "SW1A W1D E1 N7 SE1 NW3", "207 208"),
            _city("Manchester", "M1 M14 M20", "161"),
            _city("Birmingham", "B1 B15 B29", "1212 1214 1216"),
            _city("Edinburgh", "EH1 EH3 EH10", "1312 1314 1316"),
            _city("Glasgow", "G1 G12 G41", "141"),
            _city("Leeds", "LS1 LS6 LS17", "1132 1133 1134"),
        ),
        streets=_entries(
            "High, Station, Church, Victoria, Park, Green, Manor, Kings, Queens, London, Mill,"
            "Albert, Springfield"
        ),
        street_types=_entries(
            "Street;St;St., Road;Rd;Rd., Lane;Ln, Avenue;Ave, Close;Cl, Gardens;Gdns,Crescent;Cres"
        ),
        address="{n} {street} {type}",
        native_address="",
        postcode=" #AA",
        calling_code="44",
        trunk="0",
        mobile_trunk="0",
        mobiles=tuple("740 741 747 751 758 771 772 775 780 787 790 795 797".split()),
        mobile_length=10,
        fixed_length=10,
        phone_groups={10: (4, 6)},
        phone_style="gb",
        email_domains=(*_DOMAINS_INTL, "btinternet.com", "hotmail.co.uk", "yahoo.co.uk"),
        dates=_DMY,
        business=("builders", "consulting", "dental", "lettings", "garage", "bakery"),
        tld="co.uk",
    ),
    Country(
        code="FR",
        weight=8,
        labels=("FR", "France", "République française", "Republique Francaise"),
        male=_entries(
            "Jean, Pierre, Michel, Philippe, Alain, Nicolas, François;Francois, Thomas, Julien,"
            "Sébastien;Sebastien, Frédéric;Frederic, Laurent, Christophe, Stéphane;Stephane,"
            "Jérôme;Jerome, Antoine, Hugo, Louis, Lucas, Éric;Eric"
        ),
        female=_entries(
            "Marie, Nathalie, Isabelle, Sylvie, Catherine, Françoise;Francoise, Sophie,"
            "Céline;Celine, Camille, Léa;Lea, Chloé;Chloe, Manon, Émilie;Emilie, Hélène;Helene,"
            "Éloïse;Eloise, Margaux, Juliette, Anne, Valérie;Valerie, Sandrine"
        ),
        families=_families(
            "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau,"
            "Simon, Laurent, Lefèvre;Lefevre, Michel, David, Bertrand, Roux, Vincent, Fournier,"
            "Dupont, Girard, Lefebvre, Mercier, Faure, Lambert, Bonnet, Le Gall;Legall"
        ),
        cities=(
            _city("Paris", "7500 7501", "1"),
            _city("Lyon", "6900", "47"),
            _city("Marseille", "1300 1301", "49"),
            _city("Toulouse", "3100 3120", "56"),
            _city("Lille", "5900 5980", "3"),
            _city("Nice", "0600 0610", "49"),
            _city("Bordeaux", "3300 3310", "55"),
        ),
        streets=_entries(
            "de la République;de la Republique, Victor Hugo, de Paris, Pasteur,"
            "Jean Jaurès;Jean Jaures, de l'Église;de l'Eglise;de l Eglise, du Moulin, de la Gare,"
            "Gambetta, des Écoles;des Ecoles, Nationale, du Général de Gaulle;du General de Gaulle"
        ),
        street_types=_entries(
            "rue;Rue;R.;r., avenue;Avenue;Av.;Ave, boulevard;Boulevard;Bd;Bld, place;Place;Pl.,"
            "chemin;Chemin;Ch., allée;Allée;Allee"
        ),
        address="{n} {type} {street}",
        native_address="",
        postcode="#",
        calling_code="33",
        trunk="0",
        mobile_trunk="0",
        mobiles=tuple("60 61 62 64 65 66 67 68 73 74 75 76 77 78".split()),
        mobile_length=9,
        fixed_length=9,
        phone_groups={9: (1, 2, 2, 2, 2)},
        phone_style="fr",
        email_domains=(*_DOMAINS_INTL, "orange.fr", "free.fr", "laposte.net", "wanadoo.fr"),
        dates=_DMY,
        business=("boulangerie", "conseil", "immobilier", "garage", "pharmacie", "coiffure"),
        tld="fr",
    ),
    Country(
        code="DE",
        weight=9,
        labels=("DE", "Germany", "Deutschland", "Allemagne", "BRD"),
        male=_entries(
            "Thomas, Michael, Andreas, Stefan, Peter, Klaus, Jürgen;Juergen;Jurgen, Wolfgang,"
            "Frank,"
            "Markus, Christian, Sebastian, Alexander, Lukas, Jonas, Felix, Maximilian, Johannes,"
            "Uwe, Dieter"
        ),
        female=_entries(
            "Sabine, Petra, Monika, Andrea, Claudia, Susanne, Birgit, Anna, Julia, Katharina, Lena,"
            "Laura, Sarah, Ursula, Ute, Gisela, Hannah, Lea, Marie, Jutta"
        ),
        families=_families(
            "Müller;Mueller;Muller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker,"
            "Schulz, Hoffmann, Schäfer;Schaefer, Koch, Bauer, Richter, Klein, Wolf,"
            "Schröder;Schroeder, Neumann, Schwarz, Zimmermann, Braun, Krüger;Krueger, Hofmann,"
            "Hartmann, Lange, Werner, Krause, Lehmann, Köhler;Koehler, Weiß;Weiss"
        ),
        cities=(
            _city("Berlin", "10 12 13", "30"),
            _city("München;Munich;Muenchen", "80 81", "89"),
            _city("Hamburg", "20 22", "40"),
            _city("Köln;Cologne;Koeln", "50 51", "221"),
            _city("Frankfurt am Main;Frankfurt;Frankfurt a.M.", "60", "69"),
            _city("Stuttgart", "70", "711"),
            _city("Leipzig", "04", "341"),
        ),
        streets=_entries(
            "Haupt, Bahnhof, Schiller, Goethe, Garten, Linden, Kirch, Mozart, Wald, Rosen, Schul,"
            "Berg"
        ),
        street_types=_entries("straße;str.;strasse, weg, allee, platz"),
        address="{street}{type} {n}",
        native_address="",
        postcode="###",
        calling_code="49",
        trunk="0",
        mobile_trunk="0",
        mobiles=tuple("151 152 157 160 170 171 172 173 176 177 178 179".split()),
        mobile_length=11,
        fixed_length=10,
        phone_groups={9: (3, 6), 10: (2, 8), 11: (3, 8)},
        phone_style="de",
        email_domains=(*_DOMAINS_INTL, "web.de", "gmx.de", "gmx.net", "t-online.de"),
        dates=("{dd}.{mm}.{yyyy}", "{d}.{m}.{yyyy}"),
        business=("bau", "immobilien", "zahnarzt", "baeckerei", "steuerberatung", "kfz"),
        tld="de",
    ),
    Country(
        code="ES",
        weight=7,
        labels=("ES", "Spain", "España", "Espana", "Espagne"),
        male=_entries(
            "Antonio, José;Jose, Manuel, Francisco, David, Juan, Javier, Daniel,"
            "José Luis;Jose Luis, Carlos, Jesús;Jesus, Alejandro, Miguel, Rafael, Pedro, Pablo,"
            "Sergio, Fernando, Jorge, Alberto"
        ),
        female=_entries(
            "María;Maria, Carmen, Ana, Isabel, Laura, Lucía;Lucia, Cristina, Marta, Elena, Pilar,"
            "Sara, Paula, Dolores, Raquel, Rosa, Beatriz, Silvia, Nuria, Teresa, Sofía;Sofia"
        ),
        families=_families(
            "García;Garcia, Rodríguez;Rodriguez, González;Gonzalez, Fernández;Fernandez,"
            "López;Lopez, Martínez;Martinez, Sánchez;Sanchez, Pérez;Perez, Gómez;Gomez,"
            "Martín;Martin, Jiménez;Jimenez, Ruiz, Hernández;Hernandez, Díaz;Diaz, Moreno,"
            "Muñoz;Munoz, Álvarez;Alvarez, Romero, Alonso, Gutiérrez;Gutierrez, Navarro, Torres"
        ),
        cities=(
            _city("Madrid", "280", "91"),
            _city("Barcelona", "080", "93"),
            _city("Valencia;València", "460", "96"),
            _city("Sevilla;Seville", "410", "95"),
            _city("Bilbao", "480", "94"),
        ),
        streets=_entries(
            "Mayor, Real, de Alcalá;de Alcala, Gran Vía;Gran Via, del Sol,"
            "de la Constitución;de la Constitucion, San Juan, Nueva, de Goya, de Serrano"
        ),
        street_types=_entries("Calle;C/;c/;C., Avenida;Av.;Avda., Plaza;Pza.;Pl., Paseo;P.º;Pso."),
        address="{type} {street}, {n}",
        native_address="",
        postcode="##",
        calling_code="34",
        trunk="",
        mobile_trunk="",
        mobiles=("6",),
        mobile_length=9,
        fixed_length=9,
        phone_groups={9: (3, 3, 3)},
        phone_style="plain",
        email_domains=(*_DOMAINS_INTL, "hotmail.es", "yahoo.es", "telefonica.net"),
        dates=_DMY,
        business=("asesoria", "inmobiliaria", "clinicadental", "panaderia", "taller"),
        tld="es",
    ),
    Country(
        code="IT",
        weight=7,
        labels=("IT", "Italy", "Italia", "Italie"),
        male=_entries(
            "Giuseppe, Giovanni, Antonio, Mario, Luigi, Francesco, Marco, Alessandro, Andrea,"
            "Roberto, Stefano, Paolo, Luca, Matteo, Lorenzo, Davide, Salvatore, Giorgio, Massimo,"
            "Nicola"
        ),
        female=_entries(
            "Maria, Anna, Giuseppina, Rosa, Francesca, Giulia, Chiara, Sara, Laura, Paola, Elena,"
            "Alessandra, Valentina, Federica, Martina, Silvia, Roberta, Lucia, Teresa, Sofia"
        ),
        families=_families(
            "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco,"
            "Bruno, Gallo, Conti, De Luca;DeLuca, Mancini, Costa, Giordano, Rizzo, Lombardi,"
            "Moretti, D'Angelo;D Angelo, Fontana"
        ),
        cities=(
            _city("Roma;Rome", "001", "060 061 062 063 064 065"),
            _city("Milano;Milan", "201", "02"),
            _city("Napoli;Naples", "801", "081"),
            _city("Torino;Turin", "101", "011"),
            _city("Firenze;Florence", "501", "055"),
            _city("Bologna", "401", "051"),
        ),
        streets=_entries(
            "Roma, Garibaldi, Giuseppe Mazzini;G. Mazzini;Mazzini, Dante, Cavour,"
            "Vittorio Emanuele II;V. Emanuele II, XX Settembre, dei Mille, Nazionale, Marconi"
        ),
        street_types=_entries("Via;V.;via, Viale;V.le;v.le, Piazza;P.zza;piazza, Corso;C.so;c.so"),
        address="{type} {street}, {n}",
        native_address="",
        postcode="##",
        calling_code="39",
        trunk="",
        mobile_trunk="",
        mobiles=tuple("320 328 329 333 334 335 338 339 340 347 348 349 380 388 393".split()),
        mobile_length=10,
        fixed_length=10,
        phone_groups={10: (3, 3, 4)},
        phone_style="plain",
        email_domains=(*_DOMAINS_INTL, "libero.it", "virgilio.it", "alice.it", "tiscali.it"),
        dates=_DMY,
        business=("studio", "immobiliare", "pasticceria", "officina", "farmacia"),
        tld="it",
    ),
    Country(
        code="NL",
        weight=5,
        labels=("NL", "Netherlands", "Nederland", "Holland", "The Netherlands"),
        male=_entries(
            "Jan, Johannes, Peter, Hendrik, Cornelis, Willem, Pieter, Gerrit, Dirk, Daan, Sem,"
            "Lucas, Thijs, Bram, Ruben, Jeroen, Martijn, Bas, Sander, Koen"
        ),
        female=_entries(
            "Maria, Anna, Johanna, Elisabeth, Cornelia, Wilhelmina, Emma, Julia, Sophie, Lotte,"
            "Anouk, Sanne, Eva, Lisa, Femke, Marieke, Inge, Ingrid, Petra, Noor"
        ),
        families=_families(
            "de Jong;De Jong, de Vries;De Vries, van den Berg;Van den Berg;van der Berg,"
            "van Dijk;Van Dijk, Bakker, Janssen, Visser, Smit, Meijer;Meyer, de Boer;De Boer,"
            "Mulder, de Groot;De Groot, Bos, Vos, Peters, Hendriks, van Leeuwen;Van Leeuwen,"
            "Dekker, Brouwer, de Wit;De Wit"
        ),
        cities=(
            _city("Amsterdam", "10", "20"),
            _city("Rotterdam", "30", "10"),
            _city("Den Haag;The Hague;'s-Gravenhage", "25", "70"),
            _city("Utrecht", "35", "30"),
            _city("Eindhoven", "56", "40"),
        ),
        streets=_entries(
            "Kerk, Dorps, School, Molen, Stations, Juliana, Wilhelmina, Beatrix, Prinsen, Spoor"
        ),
        street_types=_entries("straat;str., weg, laan;ln, plein, gracht"),
        address="{street}{type} {n}",
        native_address="",
        postcode="## @@",
        calling_code="31",
        trunk="0",
        mobile_trunk="0",
        mobiles=tuple("61 62 63 64 65".split()),
        mobile_length=9,
        fixed_length=9,
        phone_groups={9: (2, 7)},
        phone_style="nl",
        email_domains=(*_DOMAINS_INTL, "ziggo.nl", "kpnmail.nl", "planet.nl", "xs4all.nl"),
        dates=("{dd}-{mm}-{yyyy}", "{d}-{m}-{yyyy}"),
        business=("bouw", "advies", "tandarts", "bakkerij", "makelaardij"),
        tld="nl",
    ),
)
