# A function is imported by "<namespace>/<name>"; "<namespace>+<name>" (the
# official tencentcloud provider's form) and a bare "<name>" (namespace
# "default") work too.
terraform import scf_function.hello default/hello-world
