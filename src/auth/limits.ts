/** Shortest password PeerPath accepts (ASVS 5 asks for at least 8; we ask for 12). */
export const MIN_PASSWORD_LENGTH = 12;
