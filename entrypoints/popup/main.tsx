import { mountApp } from '../../src/ui/app/mountApp';
import '../../src/ui/theme.css';

mountApp('popup', document.getElementById('root')!);
