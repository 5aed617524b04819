import { createContext, useContext } from 'react';
import { chineseInputSources, type ChineseInputSources } from './chinese-input-sources';

export const ChineseInputContext = createContext<ChineseInputSources>(chineseInputSources);
export const useChineseInput = () => useContext(ChineseInputContext);
