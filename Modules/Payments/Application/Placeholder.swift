// Placeholder until the Payments context lands; delete when adding the first real file.
