// Shared by the page (server) and the list (client): how many of the latest files the list shows.
export const LIST_LIMIT = 25;
