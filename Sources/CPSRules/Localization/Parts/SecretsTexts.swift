extension TextTable {
    /// Texts of the host's token keys (R-ID-3).
    static let tokenKeys = TextTable(
        part: "tokenKeys",
        english: [
            "tokenKeys.error.noKey": "The token key text holds no key. Write one line: a key name, a space, and 32 random bytes in base64.",
            "tokenKeys.error.malformedLine": "Line {line} of the token keys is not a key name, a space and a base64 key.",
            "tokenKeys.error.malformedKeyID": "The key name \"{id}\" is not allowed: use 1 to 32 letters, digits, dots, underscores or dashes.",
            "tokenKeys.error.wrongKeyLength": "The key \"{id}\" has {bytes} bytes; a token key has exactly 32.",
            "tokenKeys.error.duplicateKeyID": "The key name \"{id}\" appears twice in the token keys.",
            "tokenKeys.error.insideDataDirectory": "The token key file {file} lies inside the data directory {directory}. Keep it elsewhere, so that a copy or a backup of the data does not carry the key.",
            "tokenKeys.error.fileTooOpen": "The token key file {file} can be read or changed by other users (mode {mode}). Make it readable by its owner only (chmod 600).",
            "tokenKeys.error.unreadable": "The token key file {file} cannot be read.",
        ],
        swedish: [
            "tokenKeys.error.noKey": "Texten med tokennycklar innehåller ingen nyckel. Skriv en rad: ett nyckelnamn, ett mellanslag och 32 slumpmässiga byte i base64.",
            "tokenKeys.error.malformedLine": "Rad {line} av tokennycklarna är inte ett nyckelnamn, ett mellanslag och en nyckel i base64.",
            "tokenKeys.error.malformedKeyID": "Nyckelnamnet \"{id}\" är inte tillåtet: använd 1 till 32 bokstäver, siffror, punkter, understreck eller bindestreck.",
            "tokenKeys.error.wrongKeyLength": "Nyckeln \"{id}\" har {bytes} byte; en tokennyckel har exakt 32.",
            "tokenKeys.error.duplicateKeyID": "Nyckelnamnet \"{id}\" förekommer två gånger bland tokennycklarna.",
            "tokenKeys.error.insideDataDirectory": "Filen med tokennycklar {file} ligger i datakatalogen {directory}. Förvara den någon annanstans, så att en kopia eller säkerhetskopia av data inte bär med sig nyckeln.",
            "tokenKeys.error.fileTooOpen": "Filen med tokennycklar {file} kan läsas eller ändras av andra användare (läge {mode}). Gör den läsbar endast för ägaren (chmod 600).",
            "tokenKeys.error.unreadable": "Filen med tokennycklar {file} kan inte läsas.",
        ])

    /// Texts of the reviewer directory (R-VAL-1, R-ID-4).
    static let reviewer = TextTable(
        part: "reviewer",
        english: [
            "reviewer.error.emailInUse": "The e-mail {email} already belongs to a reviewer.",
            "reviewer.error.notFound": "There is no reviewer with this e-mail address.",
        ],
        swedish: [
            "reviewer.error.emailInUse": "E-postadressen {email} tillhör redan en granskare.",
            "reviewer.error.notFound": "Det finns ingen granskare med den här e-postadressen.",
        ])
}
