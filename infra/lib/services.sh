# Building, starting and stopping the three services and the demo feed for './platform up'.
build_services() { :; }
start_services() { :; }
start_demo_feed() { :; }
stop_demo_feed() { :; }
stop_services() { :; }
print_summary() { :; }
show_status() { :; }
