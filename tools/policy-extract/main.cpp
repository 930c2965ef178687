int extract_main(int argc, char** argv);
int main(int argc, char** argv) { return extract_main(argc, argv); }
